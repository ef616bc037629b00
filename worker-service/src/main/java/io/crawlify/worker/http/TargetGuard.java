package io.crawlify.worker.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.worker.config.WorkerConfig;
import io.crawlify.worker.phase.FetchException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Refuses targets on private, loopback, link-local and metadata addresses (SSRF protection) unless the host or
 * its network is allow-listed. Dev and test profiles switch the check off; prod keeps it on.
 */
@ApplicationScoped
public class TargetGuard {

    private final boolean enabled;
    private final List<String> allowed;

    @jakarta.inject.Inject
    public TargetGuard(WorkerConfig config) {
        this(config.blockPrivateTargets(), config.allowedPrivateTargets().orElse(List.of()));
    }

    public TargetGuard(boolean enabled, List<String> allowed) {
        this.enabled = enabled;
        this.allowed = List.copyOf(allowed);
    }

    public Uni<Void> check(URI uri) {
        if (!enabled || allowed.contains(uri.getHost())) {
            return Uni.createFrom().voidItem();
        }
        // Name resolution blocks; it runs on a worker thread, never on the event loop.
        return Uni.createFrom().item(() -> resolve(uri.getHost()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(addresses -> {
                    for (InetAddress address : addresses) {
                        if (isInternal(address) && !isAllowListed(address)) {
                            throw new FetchException("blocked_target", "refusing internal address " + address
                                    + " of " + uri.getHost() + " (allow-list it in crawlify.worker.allowed-private-targets)",
                                    false);
                        }
                    }
                })
                .replaceWithVoid();
    }

    private static InetAddress[] resolve(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new FetchException("dns", "cannot resolve " + host, true, e);
        }
    }

    static boolean isInternal(InetAddress address) {
        byte[] b = address.getAddress();
        boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        boolean carrierNat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocalV6 || carrierNat;
    }

    private boolean isAllowListed(InetAddress address) {
        for (String entry : allowed) {
            if (entry.contains("/") ? inCidr(address, entry) : entry.equals(address.getHostAddress())) {
                return true;
            }
        }
        return false;
    }

    static boolean inCidr(InetAddress address, String cidr) {
        try {
            String[] parts = cidr.split("/", -1);
            if (parts.length != 2 || parts[0].isEmpty()) {
                return false;
            }
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            byte[] candidate = address.getAddress();
            int bits = Integer.parseInt(parts[1]);
            if (network.length != candidate.length || bits < 0 || bits > network.length * 8) {
                return false;
            }
            for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((network[i] & mask) != (candidate[i] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
