package io.crawlify.orchestrator.messaging;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.cloud.pubsub.v1.SubscriberInterface;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;

import io.crawlify.model.trigger.EventTrigger;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.crawlify.orchestrator.trigger.WorkflowTrigger;
import io.crawlify.orchestrator.trigger.EventTriggerSource;
import io.quarkiverse.googlecloudservices.pubsub.QuarkusPubSub;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Event triggers as Pub/Sub subscribers, one per (workflow, trigger index), on every instance: the instances share
 * the trigger's subscription, so Pub/Sub hands each message to one of them. The topic and subscription are
 * created when missing (with {@code crawlify.pubsub.provision}); a removed or paused trigger's subscriber stops,
 * and its subscription keeps messages until the trigger is back (or Pub/Sub expires it after 31 idle days).
 */
@ApplicationScoped
public class PubSubEventTriggers implements EventTriggerSource {

    private record Subscribed(WorkflowTrigger trigger, SubscriberInterface subscriber) {
    }

    private final QuarkusPubSub pubSub;
    private final EventTriggerReceiver receiver;
    private final boolean provision;
    private final RetryPolicy retryPolicy;
    private final String projectId;
    private final Map<String, Subscribed> subscribers = new ConcurrentHashMap<>();

    public PubSubEventTriggers(QuarkusPubSub pubSub, EventTriggerReceiver receiver, OrchestratorConfig config,
            @ConfigProperty(name = "quarkus.google.cloud.project-id") String projectId) {
        this.pubSub = pubSub;
        this.receiver = receiver;
        this.provision = config.pubsub().provision();
        this.retryPolicy = PubSubTopology.retryPolicy(config.pubsub());
        this.projectId = projectId;
    }

    /** Makes the subscribers match {@code desired}; Pub/Sub admin calls block, so this runs on a worker thread. */
    @Override
    public Uni<Void> sync(List<WorkflowTrigger> desired) {
        return Uni.createFrom().item(() -> {
            apply(desired);
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Subscriptions this instance is pulling from. */
    @Override
    public java.util.Set<String> subscriptions() {
        return subscribers.values().stream().map(s -> subscription(s.trigger())).collect(Collectors.toSet());
    }

    @Override
    public synchronized void stopAll() {
        subscribers.values().forEach(s -> s.subscriber().stopAsync());
        subscribers.values().forEach(PubSubEventTriggers::awaitStop);
        subscribers.clear();
    }

    private synchronized void apply(List<WorkflowTrigger> desired) {
        Map<String, WorkflowTrigger> wanted = desired.stream()
                .filter(t -> t.spec() instanceof EventTrigger)
                .collect(Collectors.toMap(PubSubEventTriggers::identity, Function.identity()));
        subscribers.entrySet().removeIf(entry -> {
            Subscribed current = entry.getValue();
            if (current.trigger().equals(wanted.get(entry.getKey())) && current.subscriber().isRunning()) {
                return false;
            }
            current.subscriber().stopAsync();
            awaitStop(current);
            Log.infof("stopped event trigger %s of workflow %s (%s)", current.trigger().key(),
                    current.trigger().workflowId(), subscription(current.trigger()));
            return true;
        });
        List<WorkflowTrigger> missing = wanted.entrySet().stream().filter(e -> !subscribers.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList();
        if (missing.isEmpty()) {
            return;
        }
        if (provision) {
            provision(missing);
        }
        for (WorkflowTrigger trigger : missing) {
            try {
                subscribers.put(identity(trigger), new Subscribed(trigger, subscribe(trigger)));
                Log.infof("event trigger %s of workflow %s pulls %s", trigger.key(), trigger.workflowId(),
                        subscription(trigger));
            } catch (RuntimeException e) {
                Log.warnf("event trigger %s of workflow %s cannot pull %s yet (next sync retries): %s",
                        trigger.key(), trigger.workflowId(), subscription(trigger), e.getMessage());
            }
        }
    }

    private SubscriberInterface subscribe(WorkflowTrigger trigger) {
        String subscription = subscription(trigger);
        SubscriberInterface subscriber = pubSub.subscriber(subscription,
                (message, reply) -> receiver.receive(trigger, subscription, message, reply));
        subscriber.startAsync().awaitRunning();
        return subscriber;
    }

    private void provision(List<WorkflowTrigger> triggers) {
        try (TopicAdminClient topics = TopicAdminClient.create(pubSub.topicAdminSettings());
                SubscriptionAdminClient subscriptions = SubscriptionAdminClient.create(
                        pubSub.subscriptionAdminSettings())) {
            for (WorkflowTrigger trigger : triggers) {
                EventTrigger event = (EventTrigger) trigger.spec();
                try {
                    topics.createTopic(TopicName.of(projectId, event.topic()));
                    Log.infof("created topic %s for event trigger %s of workflow %s", event.topic(), trigger.key(),
                            trigger.workflowId());
                } catch (AlreadyExistsException e) {
                    Log.debugf("topic %s exists", event.topic());
                }
                Subscription subscription = Subscription.newBuilder()
                        .setName(SubscriptionName.format(projectId, subscription(trigger)))
                        .setTopic(TopicName.format(projectId, event.topic()))
                        .setAckDeadlineSeconds(60)
                        // A nacked message (a start that failed, a claim held by another delivery) comes back later.
                        .setRetryPolicy(retryPolicy)
                        .build();
                try {
                    subscriptions.createSubscription(subscription);
                    Log.infof("created subscription %s on topic %s", subscription(trigger), event.topic());
                } catch (AlreadyExistsException e) {
                    Log.debugf("subscription %s exists", subscription(trigger));
                }
            }
        } catch (IOException | RuntimeException e) {
            Log.warnf("could not provision event trigger topics/subscriptions (next sync retries): %s", e.getMessage());
        }
    }

    private static void awaitStop(Subscribed subscribed) {
        try {
            subscribed.subscriber().awaitTerminated(10, TimeUnit.SECONDS);
        } catch (TimeoutException | IllegalStateException e) {
            Log.warnf("subscriber of %s did not stop cleanly: %s", subscription(subscribed.trigger()), e.getMessage());
        }
    }

    private static String subscription(WorkflowTrigger trigger) {
        return ((EventTrigger) trigger.spec()).subscriptionFor(trigger.workflowId(), trigger.index());
    }

    private static String identity(WorkflowTrigger trigger) {
        return trigger.workflowId() + "-" + trigger.index();
    }
}
