package io.crawlify.orchestrator.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.message.MessageKind;
import io.crawlify.model.message.StepEvent;
import io.crawlify.orchestrator.engine.StepScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/** A step attempt's outcome, applied by the scheduler (once: a late or repeated event is ignored there). */
@ApplicationScoped
public class StepEventHandler implements MessageHandler<StepEvent> {

    private final StepScheduler scheduler;
    private final MeterRegistry metrics;

    public StepEventHandler(StepScheduler scheduler, MeterRegistry metrics) {
        this.scheduler = scheduler;
        this.metrics = metrics;
    }

    @Override
    public MessageKind kind() {
        return MessageKind.STEP_EVENT;
    }

    @Override
    public Uni<Void> handle(StepEvent event) {
        if (event.type() == null) {
            return Uni.createFrom().failure(new io.crawlify.runtime.pubsub.PoisonMessageException(
                    "step event without a type"));
        }
        metrics.counter("crawlify.orchestrator.step.events", "type",
                event.type() == StepEvent.Type.SUCCEEDED ? "succeeded" : "failed").increment();
        return scheduler.onStepEvent(event);
    }
}
