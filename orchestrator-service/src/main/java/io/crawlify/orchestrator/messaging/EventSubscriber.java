package io.crawlify.orchestrator.messaging;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.SubscriberInterface;
import com.google.pubsub.v1.PubsubMessage;

import io.crawlify.model.message.Message;
import io.crawlify.model.message.MessageKind;
import io.crawlify.model.message.PageTask;
import io.crawlify.model.message.StepTask;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.crawlify.runtime.poison.PoisonMessages;
import io.crawlify.runtime.pubsub.Envelope;
import io.crawlify.runtime.pubsub.PoisonMessageException;
import io.quarkiverse.googlecloudservices.pubsub.QuarkusPubSub;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Consumes the events subscription (each message routed by its kind to its {@link MessageHandler}) and the
 * dead-letter subscription (to the {@link DeadLetterHandler}). A message that cannot be read is recorded as poison
 * and acked; a handling that fails is nacked for redelivery.
 */
@ApplicationScoped
public class EventSubscriber {

    private final QuarkusPubSub pubSub;
    private final OrchestratorConfig.PubSub config;
    private final Map<MessageKind, MessageHandler<?>> handlers = new EnumMap<>(MessageKind.class);
    private final DeadLetterHandler deadLetters;
    private final PoisonMessages poison;
    private final List<SubscriberInterface> subscribers = new ArrayList<>();

    public EventSubscriber(QuarkusPubSub pubSub, OrchestratorConfig config, Instance<MessageHandler<?>> discovered,
            DeadLetterHandler deadLetters, PoisonMessages poison) {
        this.pubSub = pubSub;
        this.config = config.pubsub();
        for (MessageHandler<?> handler : discovered) {
            handlers.put(handler.kind(), handler);
        }
        this.deadLetters = deadLetters;
        this.poison = poison;
    }

    public void start() {
        subscribers.add(subscribe(config.eventsSubscription(), this::onEvent));
        subscribers.add(subscribe(config.deadLetterSubscription(), this::onDeadLetter));
    }

    public boolean running() {
        return !subscribers.isEmpty() && subscribers.stream().allMatch(s -> s.isRunning());
    }

    public void stop() {
        for (SubscriberInterface subscriber : subscribers) {
            subscriber.stopAsync();
        }
        for (SubscriberInterface subscriber : subscribers) {
            try {
                subscriber.awaitTerminated(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                Log.warn("event subscriber did not stop in time");
            }
        }
    }

    private SubscriberInterface subscribe(String subscription, MessageReceiver receiver) {
        SubscriberInterface subscriber = pubSub.subscriber(subscription, receiver);
        subscriber.startAsync().awaitRunning();
        return subscriber;
    }

    private void onEvent(PubsubMessage message, AckReplyConsumer reply) {
        String subscription = config.eventsSubscription();
        run(subscription, message, () -> {
            Envelope.Received<?> received = Envelope.unwrap(message, MessageKind.Channel.EVENTS);
            MessageHandler<?> handler = handlers.get(received.kind());
            if (handler == null) {
                throw new PoisonMessageException("no handler for " + received.kind());
            }
            return handle(handler, received.message());
        }, reply);
    }

    private void onDeadLetter(PubsubMessage message, AckReplyConsumer reply) {
        String subscription = config.deadLetterSubscription();
        run(subscription, message, () -> {
            Envelope.Received<?> received = Envelope.unwrap(message, MessageKind.Channel.TASKS);
            return switch (received.kind()) {
                case PAGE_TASK -> deadLetters.pageTask(subscription, message, (PageTask) received.message());
                case STEP_TASK -> deadLetters.stepTask(subscription, message, (StepTask) received.message());
                default -> throw new PoisonMessageException(received.kind() + " on the dead-letter topic");
            };
        }, reply);
    }

    @SuppressWarnings("unchecked")
    private static <M extends Message> Uni<Void> handle(MessageHandler<M> handler, Message message) {
        return handler.handle((M) message);
    }

    /**
     * Runs the handling on a Vert.x duplicated context (this is a Pub/Sub client thread; Hibernate Reactive needs
     * one), acking only on success. Poison is recorded and acked, whether found reading or handling.
     */
    private void run(String subscription, PubsubMessage message, Supplier<Uni<Void>> handling,
            AckReplyConsumer reply) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Uni.createFrom().deferred(handling::get)
                    .onFailure(PoisonMessageException.class)
                    .recoverWithUni(e -> poison.record(subscription, message, e.getMessage())));
            reply.ack();
        } catch (Throwable e) {
            Log.errorf(e, "event handling failed; nacking for redelivery");
            reply.nack();
        }
    }
}
