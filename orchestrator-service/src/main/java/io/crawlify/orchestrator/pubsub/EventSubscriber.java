package io.crawlify.orchestrator.pubsub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.SubscriberInterface;
import com.google.pubsub.v1.PubsubMessage;

import io.crawlify.model.message.PageTask;
import io.crawlify.model.message.Messages;
import io.crawlify.model.message.StepEvent;
import io.crawlify.model.message.StepTask;
import io.crawlify.model.message.PageEvent;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.crawlify.orchestrator.execution.ExecutionCounters;
import io.crawlify.orchestrator.execution.ExecutionService;
import io.crawlify.orchestrator.step.StepScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.googlecloudservices.pubsub.QuarkusPubSub;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Consumes task outcome events (ending an execution when its last task reports the frontier drained) and
 * dead-lettered tasks (recorded as failed and counted, so their execution can still finish).
 */
@ApplicationScoped
public class EventSubscriber {

    private final QuarkusPubSub pubSub;
    private final OrchestratorConfig.PubSub config;
    private final ExecutionService executions;
    private final ExecutionCounters counters;
    private final StepScheduler steps;
    private final Pool pool;
    private final MeterRegistry metrics;
    private final List<SubscriberInterface> subscribers = new ArrayList<>();

    public EventSubscriber(QuarkusPubSub pubSub, OrchestratorConfig config, ExecutionService executions,
            ExecutionCounters counters, StepScheduler steps, Pool pool, MeterRegistry metrics) {
        this.pubSub = pubSub;
        this.config = config.pubsub();
        this.executions = executions;
        this.counters = counters;
        this.steps = steps;
        this.pool = pool;
        this.metrics = metrics;
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
        if ("step".equals(message.getAttributesOrDefault("kind", ""))) {
            onStepEvent(message, reply);
            return;
        }
        PageEvent event;
        try {
            event = Messages.decode(message.getData().toByteArray(), PageEvent.class);
        } catch (IOException e) {
            poison(config.eventsSubscription(), message, e.getMessage(), reply);
            return;
        }
        metrics.counter("crawlify.orchestrator.task.events", "type",
                event.type() == PageEvent.Type.SUCCEEDED ? "succeeded" : "failed").increment();
        if (event.remaining() > 0 || event.executionId() == null) {
            reply.ack();
            return;
        }
        // The last task of the execution reported: end it. Hibernate Reactive needs a Vert.x context.
        run(() -> executions.reconcile(event.executionId()).replaceWithVoid(), reply);
    }

    private void onStepEvent(PubsubMessage message, AckReplyConsumer reply) {
        StepEvent event;
        try {
            event = Messages.decode(message.getData().toByteArray(), StepEvent.class);
            if (event.executionId() == null || event.stepId() == null || event.type() == null) {
                throw new IOException("missing executionId, stepId or type");
            }
        } catch (IOException e) {
            poison(config.eventsSubscription(), message, e.getMessage(), reply);
            return;
        }
        metrics.counter("crawlify.orchestrator.step.events", "type",
                event.type() == StepEvent.Type.SUCCEEDED ? "succeeded" : "failed").increment();
        run(() -> steps.onStepEvent(event), reply);
    }

    private void onDeadLetter(PubsubMessage message, AckReplyConsumer reply) {
        if ("step".equals(message.getAttributesOrDefault("kind", ""))) {
            onDeadLetteredStep(message, reply);
            return;
        }
        PageTask task;
        try {
            task = Messages.decode(message.getData().toByteArray(), PageTask.class);
            if (task.taskId() == null || task.executionId() == null) {
                throw new IOException("missing taskId or executionId");
            }
        } catch (IOException e) {
            poison(config.deadLetterSubscription(), message, "unparseable dead letter: " + e.getMessage(), reply);
            return;
        }
        Log.warnf("task %s (%s) dead-lettered after %s delivery attempts", task.taskId(), task.url(),
                message.getAttributesOrDefault("CloudPubSubDeadLetterSourceDeliveryCount", "?"));
        metrics.counter("crawlify.orchestrator.dead.letters").increment();
        UUID executionId = task.executionId();
        run(() -> recordDeadLetter(message, task)
                .chain(() -> counters.recordFailed(executionId, task.stepId(), task.taskId()))
                .chain(remaining -> remaining > 0 ? Uni.createFrom().voidItem()
                        : executions.reconcile(executionId).replaceWithVoid()), reply);
    }

    /** A step attempt that crashed its worker on every delivery fails for good: running it again would too. */
    private void onDeadLetteredStep(PubsubMessage message, AckReplyConsumer reply) {
        StepTask task;
        try {
            task = Messages.decode(message.getData().toByteArray(), StepTask.class);
            if (task.executionId() == null || task.stepId() == null) {
                throw new IOException("missing executionId or stepId");
            }
        } catch (IOException e) {
            poison(config.deadLetterSubscription(), message, "unparseable dead letter: " + e.getMessage(), reply);
            return;
        }
        String deliveries = message.getAttributesOrDefault("CloudPubSubDeadLetterSourceDeliveryCount", "?");
        Log.warnf("step attempt %s dead-lettered after %s delivery attempts", task.taskId(), deliveries);
        metrics.counter("crawlify.orchestrator.dead.letters").increment();
        StepEvent failed = StepEvent.failed(task, null, null, "dead_letter",
                "the step crashed its worker on each of " + deliveries + " deliveries", null, null,
                System.currentTimeMillis(), 0);
        run(() -> steps.onStepEvent(failed)
                .chain(() -> recordPoison(config.deadLetterSubscription(), message, "dead-lettered step")), reply);
    }

    private Uni<Void> recordDeadLetter(PubsubMessage message, PageTask task) {
        return pool.preparedQuery("""
                insert into task_runs (task_id, execution_id, step_id, phase_id, url, depth, marker, status,
                                       attempt, error_kind, error)
                select $1, $2, $3, $4, $5, $6, $7, 'failed', $8, 'dead_letter', $9
                where exists (select 1 from executions where id = $2)
                on conflict (task_id) do update set status = 'failed', error_kind = 'dead_letter',
                  error = excluded.error, finished_at = now()""")
                .execute(Tuple.from(List.of(task.taskId(), task.executionId(), task.stepId(),
                        String.valueOf(task.phaseId()), task.url(), task.depth(), String.valueOf(task.marker()),
                        Integer.parseInt(message.getAttributesOrDefault("CloudPubSubDeadLetterSourceDeliveryCount", "0")),
                        "the task crashed its worker on every delivery and was dead-lettered")))
                .chain(() -> recordPoison(config.deadLetterSubscription(), message, "dead-lettered task"));
    }

    private void poison(String subscription, PubsubMessage message, String reason, AckReplyConsumer reply) {
        Log.warnf("poison message %s on %s: %s", message.getMessageId(), subscription, reason);
        run(() -> recordPoison(subscription, message, reason), reply);
    }

    private Uni<Void> recordPoison(String subscription, PubsubMessage message, String reason) {
        return pool.preparedQuery("""
                insert into poison_messages (subscription, message_id, data, attributes, reason)
                values ($1, $2, $3, $4, $5) on conflict (subscription, message_id) do nothing""")
                .execute(Tuple.of(subscription, message.getMessageId(),
                        message.getData().toString(StandardCharsets.UTF_8),
                        new JsonObject(Map.copyOf(message.getAttributesMap())), reason))
                .replaceWithVoid();
    }

    /** Runs on a Vert.x duplicated context (this is a Pub/Sub client thread), acking only on success. */
    private static void run(java.util.function.Supplier<Uni<Void>> work, AckReplyConsumer reply) {
        try {
            VertxContextSupport.subscribeAndAwait(work);
            reply.ack();
        } catch (Throwable e) {
            Log.errorf(e, "event handling failed; nacking for redelivery");
            reply.nack();
        }
    }
}
