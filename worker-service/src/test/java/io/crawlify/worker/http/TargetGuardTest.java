package io.crawlify.worker.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Address literals only: {@link InetAddress#getByName} does no DNS lookup for them. */
class TargetGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254",
            "192.168.1.1", "169.254.169.254", "0.0.0.0", "224.0.0.1", "100.64.0.1", "100.127.255.255",
            "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "::ffff:127.0.0.1", "::ffff:10.0.0.1"})
    void internalAddresses(String literal) {
        assertEquals(true, TargetGuard.isInternal(address(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1", "192.169.0.1",
            "100.63.255.255", "100.128.0.1", "11.0.0.1", "2001:4860:4860::8888", "2606:4700:4700::1111"})
    void publicAddresses(String literal) {
        assertEquals(false, TargetGuard.isInternal(address(literal)), literal);
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(textBlock = """
            127.0.0.1,       127.0.0.0/8,     true
            127.200.3.4,     127.0.0.0/8,     true
            128.0.0.1,       127.0.0.0/8,     false
            10.1.2.3,        10.0.0.0/8,      true
            11.0.0.1,        10.0.0.0/8,      false
            172.16.0.1,      172.16.0.0/12,   true
            172.31.255.255,  172.16.0.0/12,   true
            172.32.0.1,      172.16.0.0/12,   false
            172.15.0.1,      172.16.0.0/12,   false
            192.168.1.77,    192.168.1.0/24,  true
            192.168.2.77,    192.168.1.0/24,  false
            10.0.0.5,        10.0.0.5/32,     true
            10.0.0.6,        10.0.0.5/32,     false
            10.0.0.7,        10.0.0.6/31,     true
            10.0.0.8,        10.0.0.6/31,     false
            8.8.8.8,         0.0.0.0/0,       true
            100.64.0.1,      100.64.0.0/10,   true
            100.128.0.1,     100.64.0.0/10,   false
            ::1,             ::1/128,         true
            fd12:3456::1,    fc00::/7,        true
            fe80::1,         fc00::/7,        false
            127.0.0.1,       ::1/128,         false
            ::1,             127.0.0.0/8,     false
            """)
    void matchesCidrRanges(String literal, String cidr, boolean expected) {
        assertEquals(expected, TargetGuard.inCidr(address(literal), cidr));
    }

    /**
     * An allow-list entry with a typo must match nothing. Bug: {@code "10.0.0.0/"} throws
     * ArrayIndexOutOfBoundsException and a negative prefix length matches every address.
     */
    @Test
    void malformedCidrMatchesNothing() {
        InetAddress internal = address("10.1.2.3");
        assertAll(
                () -> assertFalse(TargetGuard.inCidr(internal, "10.0.0.0/x"), "10.0.0.0/x"),
                () -> assertFalse(TargetGuard.inCidr(internal, "10.0.0.0/"), "10.0.0.0/"),
                () -> assertFalse(TargetGuard.inCidr(internal, "10.0.0.0/-8"), "10.0.0.0/-8"),
                () -> assertFalse(TargetGuard.inCidr(address("192.168.0.1"), "10.0.0.0/-8"), "10.0.0.0/-8"));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError("not an address literal: " + literal, e);
        }
    }
}
