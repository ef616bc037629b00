package io.crawlify.orchestrator.breaker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * At start, copies every breaker's stored settings into Redis. A failure is logged, not fatal: the breakers then
 * run on the defaults until Redis is reachable and a setting is stored again or the orchestrator restarts.
 */
@ApplicationScoped
public class BreakerConfigSeeding {

    private final CircuitBreakerService breakers;

    public BreakerConfigSeeding(CircuitBreakerService breakers) {
        this.breakers = breakers;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            int seeded = VertxContextSupport.subscribeAndAwait(breakers::reseed);
            Log.infof("circuit breakers: %d stored config(s) mirrored into Redis", seeded);
        } catch (Throwable e) {
            Log.errorf(e, "circuit breakers: could not mirror the stored configs into Redis; defaults apply");
        }
    }
}
