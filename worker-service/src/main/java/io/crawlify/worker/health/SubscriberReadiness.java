package io.crawlify.worker.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the task intake (the Pub/Sub subscriber) is pulling. */
@Readiness
@ApplicationScoped
public class SubscriberReadiness implements HealthCheck {

    private final TaskIntake subscriber;

    public SubscriberReadiness(TaskIntake subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("task-subscriber")
                .status(subscriber.running())
                .withData("inFlight", subscriber.inFlight())
                .build();
    }
}
