package io.crawlify.worker.breaker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.crawlify.model.breaker.BreakerState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Breaker meters of this worker: rejections and transitions it caused (summed over workers they count each event
 * once), and the state it last saw per breaker (0 closed, 1 half-open, 2 open) for a bounded number of names.
 */
final class BreakerMetrics {

    /** Per-host breakers are unbounded; past this many names the state gauge is not registered. */
    static final int MAX_STATE_GAUGES = 256;

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> states = new ConcurrentHashMap<>();

    BreakerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void rejected(String name) {
        Counter.builder("crawlify.breaker.rejections").description("Calls refused by an open circuit breaker")
                .tag("name", name).register(registry).increment();
        seen(name, BreakerState.OPEN);
    }

    void transitioned(String name, BreakerState to) {
        Counter.builder("crawlify.breaker.transitions").description("Circuit breaker state changes")
                .tag("name", name).tag("state", to.name()).register(registry).increment();
        seen(name, to);
    }

    void seen(String name, BreakerState state) {
        AtomicInteger gauge = states.get(name);
        if (gauge == null && states.size() < MAX_STATE_GAUGES) {
            gauge = states.computeIfAbsent(name, n -> {
                AtomicInteger value = new AtomicInteger();
                Gauge.builder("crawlify.breaker.state", value, AtomicInteger::get)
                        .description("Circuit breaker state as this worker last saw it: 0 closed, 1 half-open, 2 open")
                        .tag("name", n).register(registry);
                return value;
            });
        }
        if (gauge != null) {
            gauge.set(switch (state) {
                case CLOSED -> 0;
                case HALF_OPEN -> 1;
                case OPEN -> 2;
            });
        }
    }
}
