package io.crawlify.orchestrator.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.message.MessageKind;
import io.crawlify.model.message.PageEvent;
import io.crawlify.orchestrator.engine.ExecutionReconciler;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/** A page task's outcome: the one that drained its step's frontier brings the execution up to date at once. */
@ApplicationScoped
public class PageEventHandler implements MessageHandler<PageEvent> {

    private final ExecutionReconciler reconciler;
    private final MeterRegistry metrics;

    public PageEventHandler(ExecutionReconciler reconciler, MeterRegistry metrics) {
        this.reconciler = reconciler;
        this.metrics = metrics;
    }

    @Override
    public MessageKind kind() {
        return MessageKind.PAGE_EVENT;
    }

    @Override
    public Uni<Void> handle(PageEvent event) {
        metrics.counter("crawlify.orchestrator.task.events", "type",
                event.type() == PageEvent.Type.SUCCEEDED ? "succeeded" : "failed").increment();
        if (event.remaining() > 0) {
            return Uni.createFrom().voidItem();
        }
        return reconciler.reconcile(event.executionId()).replaceWithVoid();
    }
}
