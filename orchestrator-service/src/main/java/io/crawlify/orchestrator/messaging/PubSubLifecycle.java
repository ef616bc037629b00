package io.crawlify.orchestrator.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** At startup: provision the topology (when enabled), then start consuming events. Ready once consuming. */
@Readiness
@ApplicationScoped
public class PubSubLifecycle implements HealthCheck {

    private final PubSubTopology topology;
    private final EventSubscriber events;
    private final OrchestratorConfig config;

    public PubSubLifecycle(PubSubTopology topology, EventSubscriber events, OrchestratorConfig config) {
        this.topology = topology;
        this.events = events;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) throws java.io.IOException {
        if (config.pubsub().provision()) {
            topology.ensure();
        } else {
            Log.info("Pub/Sub provisioning is off; expecting topics and subscriptions to exist");
        }
        events.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        events.stop();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("pubsub-events").status(events.running()).build();
    }
}
