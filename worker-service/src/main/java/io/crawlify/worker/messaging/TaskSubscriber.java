package io.crawlify.worker.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.google.api.gax.batching.FlowControlSettings;
import com.google.api.gax.batching.FlowController;
import com.google.api.gax.core.InstantiatingExecutorProvider;
import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;

import io.crawlify.model.message.Message;
import io.crawlify.model.message.MessageKind;
import io.crawlify.runtime.poison.PoisonMessages;
import io.crawlify.runtime.pubsub.Envelope;
import io.crawlify.runtime.pubsub.PoisonMessageException;
import io.crawlify.worker.config.WorkerConfig;
import io.crawlify.worker.health.TaskIntake;
import io.quarkiverse.googlecloudservices.pubsub.QuarkusPubSub;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Pulls tasks with flow control and parallel streams and acks each one only after its effects are recorded.
 * A message that cannot be parsed is recorded as poison and acked; a task that breaks unexpectedly is nacked,
 * and after the subscription's max delivery attempts Pub/Sub moves it to the dead-letter topic. Each message goes
 * to the {@link MessageHandler} of its kind.
 */
@ApplicationScoped
public class TaskSubscriber implements TaskIntake {

    private final QuarkusPubSub pubSub;
    private final WorkerConfig config;
    private final Map<MessageKind, MessageHandler<?>> handlers = new EnumMap<>(MessageKind.class);
    private final PoisonMessages poison;
    private final String projectId;
    private final Optional<String> emulatorHost;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor();
    private volatile Subscriber subscriber;
    private volatile boolean stopping;

    public TaskSubscriber(QuarkusPubSub pubSub, WorkerConfig config, Instance<MessageHandler<?>> discovered,
            PoisonMessages poison,
            @ConfigProperty(name = "quarkus.google.cloud.project-id") String projectId,
            @ConfigProperty(name = "quarkus.google.cloud.pubsub.emulator-host") Optional<String> emulatorHost) {
        this.pubSub = pubSub;
        this.config = config;
        for (MessageHandler<?> handler : discovered) {
            handlers.put(handler.kind(), handler);
        }
        this.poison = poison;
        this.projectId = projectId;
        this.emulatorHost = emulatorHost;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    @Override
    public boolean running() {
        Subscriber current = subscriber;
        return current != null && current.isRunning();
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    private synchronized void start() {
        if (stopping) {
            return;
        }
        try {
            Subscriber created = build();
            created.addListener(new Subscriber.Listener() {
                @Override
                public void failed(Subscriber.State from, Throwable failure) {
                    // Typically NOT_FOUND before the orchestrator has created the subscription: try again.
                    Log.warnf("task subscriber failed (%s); restarting in 2 s", failure.getMessage());
                    if (!stopping) {
                        restarts.schedule(TaskSubscriber.this::start, 2, TimeUnit.SECONDS);
                    }
                }
            }, MoreExecutors.directExecutor());
            subscriber = created;
            created.startAsync();
            Log.infof("pulling %s with %d stream(s), up to %d tasks in flight", config.topics().subscription(),
                    config.pull().streams(), config.pull().maxOutstandingMessages());
        } catch (IOException e) {
            Log.errorf(e, "cannot create the task subscriber; retrying in 2 s");
            restarts.schedule(this::start, 2, TimeUnit.SECONDS);
        }
    }

    private Subscriber build() throws IOException {
        WorkerConfig.Pull pull = config.pull();
        SubscriptionAdminSettings admin = pubSub.subscriptionAdminSettings();
        Subscriber.Builder builder = Subscriber.newBuilder(
                ProjectSubscriptionName.of(projectId, config.topics().subscription()), this::receive)
                .setCredentialsProvider(admin.getCredentialsProvider())
                .setParallelPullCount(pull.streams())
                .setMaxAckExtensionPeriodDuration(pull.maxAckExtension())
                .setExecutorProvider(InstantiatingExecutorProvider.newBuilder()
                        .setExecutorThreadCount(pull.executorThreads()).build())
                .setFlowControlSettings(FlowControlSettings.newBuilder()
                        .setMaxOutstandingElementCount(pull.maxOutstandingMessages())
                        .setMaxOutstandingRequestBytes(pull.maxOutstandingBytes())
                        .setLimitExceededBehavior(FlowController.LimitExceededBehavior.Block)
                        .build());
        if (emulatorHost.filter(h -> !h.isBlank()).isPresent()) {
            builder.setChannelProvider(admin.getTransportChannelProvider());
        }
        return builder.build();
    }

    /** Routes a message by its kind; what cannot be read is recorded as poison and acked. */
    private void receive(PubsubMessage message, AckReplyConsumer reply) {
        Envelope.Received<?> received;
        try {
            received = Envelope.unwrap(message, MessageKind.Channel.TASKS);
        } catch (PoisonMessageException e) {
            poison.record(config.topics().subscription(), message, e.getMessage())
                    .subscribe().with(ok -> reply.ack(), failure -> reply.nack());
            return;
        }
        Uni<?> work = route(received);
        inFlight.incrementAndGet();
        work.subscribe().with(
                done -> {
                    inFlight.decrementAndGet();
                    reply.ack();
                },
                failure -> {
                    inFlight.decrementAndGet();
                    Log.errorf(failure, "%s %s broke; nacking for redelivery", received.kind(),
                            received.message().taskId());
                    reply.nack();
                });
    }

    @SuppressWarnings("unchecked")
    private <M extends Message> Uni<?> route(Envelope.Received<M> received) {
        MessageHandler<M> handler = (MessageHandler<M>) handlers.get(received.kind());
        if (handler == null) {
            return Uni.createFrom().failure(
                    new IllegalStateException(received.kind() + " on the tasks subscription"));
        }
        return handler.handle(received.message());
    }

    /** Stops pulling, gives in-flight tasks the drain period, then lets the rest be redelivered elsewhere. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        restarts.shutdownNow();
        Subscriber current = subscriber;
        if (current == null) {
            return;
        }
        long deadline = System.nanoTime() + config.drainPeriod().toNanos();
        current.stopAsync();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(50));
        }
        try {
            current.awaitTerminated(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            Log.warnf("subscriber did not stop in time; %d task(s) left for redelivery", inFlight.get());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
