package io.crawlify.model.breaker;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Redis keys of one circuit breaker. The hash tag keeps a breaker's keys in one slot, so its scripts stay atomic
 * on a Redis Cluster; the set of names is apart from them and is written outside the scripts.
 */
public record BreakerKeys(String name) {

    public static final String PREFIX = "crawlify:cb:";

    /** Set of every breaker name seen by a worker or configured through the API. */
    public static final String NAMES = PREFIX + "names";

    /** What a breaker may be called: a host name, or a service name (the same rule as a step's circuitBreaker). */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public BreakerKeys {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid circuit breaker name: " + name);
        }
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The breaker name of a target host: lower case, an IPv6 literal without its brackets. */
    public static String forHost(String host) {
        String name = host.toLowerCase(java.util.Locale.ROOT);
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }

    private String prefix() {
        return PREFIX + "{" + name + "}:";
    }

    /** Hash: state, epoch, counters and timestamps (fields in {@link BreakerScripts}). */
    public String state() {
        return prefix() + "state";
    }

    /** List of the last outcomes in the closed state, newest first: "1" failed, "0" succeeded. */
    public String window() {
        return prefix() + "window";
    }

    /** Hash of the per-name overrides of {@link BreakerConfig}, mirrored from PostgreSQL; never expires. */
    public String config() {
        return prefix() + "config";
    }

    /** List of the last 20 transitions, newest first, each a JSON object {from, to, at, reason}. */
    public String history() {
        return prefix() + "history";
    }

    /** The KEYS of every breaker script, in the order the scripts expect. */
    public List<String> scriptKeys() {
        return List.of(state(), window(), config(), history());
    }
}
