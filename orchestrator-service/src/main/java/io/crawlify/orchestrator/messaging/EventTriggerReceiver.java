package io.crawlify.orchestrator.messaging;

import java.io.IOException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.pubsub.v1.PubsubMessage;

import io.crawlify.model.trigger.EventTrigger;
import io.crawlify.orchestrator.api.ApiException;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.crawlify.orchestrator.execution.ExecutionService;
import io.micrometer.core.instrument.MeterRegistry;
import io.crawlify.orchestrator.trigger.WorkflowTrigger;
import io.crawlify.runtime.poison.PoisonMessages;
import io.crawlify.orchestrator.trigger.TriggerLedger;
import io.crawlify.orchestrator.trigger.TriggerInput;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Turns one event-trigger message into one execution: filter on attributes → parse the JSON data → claim the
 * message id → start → ack. Unparseable data is kept in {@code poison_messages} and acked. A redelivered message
 * whose execution started is acked and starts nothing; one whose claim is still held (another delivery is starting
 * it) is nacked and comes back; one whose claim is older than the lease with no execution (its claimer died
 * between claim and start) is claimed again and started. A start that fails for a transient reason gives the
 * claim back and nacks for redelivery.
 */
@ApplicationScoped
public class EventTriggerReceiver {

    private final ExecutionService executions;
    private final TriggerLedger ledger;
    private final PoisonMessages poison;
    private final TriggerInput inputs;
    private final MeterRegistry metrics;
    private final Duration claimLease;

    public EventTriggerReceiver(ExecutionService executions, TriggerLedger ledger, PoisonMessages poison,
            ObjectMapper json, MeterRegistry metrics, OrchestratorConfig config) {
        this.executions = executions;
        this.ledger = ledger;
        this.poison = poison;
        this.inputs = new TriggerInput(json);
        this.metrics = metrics;
        this.claimLease = config.triggers().claimLease();
    }

    /** Called on a Pub/Sub client thread. */
    public void receive(WorkflowTrigger trigger, String subscription, PubsubMessage message, AckReplyConsumer reply) {
        if (!((EventTrigger) trigger.spec()).accepts(message.getAttributesMap())) {
            count("filtered");
            reply.ack();
            return;
        }
        JsonNode input;
        try {
            input = parse(message);
        } catch (IOException e) {
            Log.warnf("event trigger %s of workflow %s: message %s is not JSON, kept as poison", trigger.key(),
                    trigger.workflowId(), message.getMessageId());
            count("poison");
            run(() -> poison.record(subscription, message, "event trigger data is not JSON: "
                    + e.getMessage()).replaceWith(true), reply);
            return;
        }
        run(() -> ledger.claimDelivery(trigger, subscription, message.getMessageId(), claimLease)
                .chain(delivery -> switch (delivery) {
                    case CLAIMED -> start(trigger, subscription, message, input).replaceWith(true);
                    case STARTED -> {
                        count("duplicate");
                        yield Uni.createFrom().item(true);
                    }
                    case IN_PROGRESS -> {
                        // Another delivery is starting it: nacked, it comes back once that one is done.
                        count("in_progress");
                        yield Uni.createFrom().item(false);
                    }
                }), reply);
    }

    private Uni<Void> start(WorkflowTrigger trigger, String subscription, PubsubMessage message, JsonNode input) {
        String messageId = message.getMessageId();
        return executions.start(trigger.workflowId(), input, EventTrigger.TYPE)
                .call(started -> ledger.recordDeliveryExecution(subscription, messageId, started.id()))
                .invoke(started -> {
                    count("started");
                    metrics.counter("crawlify.triggers.fired", "type", EventTrigger.TYPE).increment();
                    Log.infof("%s of workflow %s: message %s started execution %s", trigger.key(),
                            trigger.workflowId(), messageId, started.id());
                })
                .replaceWithVoid()
                .onFailure(EventTriggerReceiver::isPermanent).recoverWithUni(e -> {
                    // The workflow is gone (or refuses to run): redelivery would fail the same way.
                    count("rejected");
                    return poison.record(subscription, message, "event trigger " + trigger.key() + " of workflow "
                            + trigger.workflowId() + " could not start: " + e.getMessage());
                })
                .onFailure().call(() -> ledger.releaseDelivery(subscription, messageId));
    }

    private JsonNode parse(PubsubMessage message) throws IOException {
        return inputs.parse(message.getData().toStringUtf8());
    }

    private void count(String outcome) {
        metrics.counter("crawlify.triggers.event.messages", "outcome", outcome).increment();
    }

    private static boolean isPermanent(Throwable e) {
        return e instanceof ApiException api && api.status() >= 400 && api.status() < 500;
    }

    /**
     * Runs on a Vert.x duplicated context (Hibernate Reactive needs one); acks when the work answers true, nacks
     * when it answers false or fails.
     */
    private static void run(java.util.function.Supplier<Uni<Boolean>> work, AckReplyConsumer reply) {
        try {
            if (Boolean.TRUE.equals(VertxContextSupport.subscribeAndAwait(work))) {
                reply.ack();
            } else {
                reply.nack();
            }
        } catch (Throwable e) {
            Log.errorf(e, "event trigger message handling failed; nacking for redelivery");
            reply.nack();
        }
    }
}
