package io.crawlify.worker.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.crawlify.worker.pubsub.TaskSubscriber;

/** Ready when the task subscriber is pulling. */
@Readiness
@ApplicationScoped
public class SubscriberReadiness implements HealthCheck {

    private final TaskSubscriber subscriber;

    public SubscriberReadiness(TaskSubscriber subscriber) {
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
