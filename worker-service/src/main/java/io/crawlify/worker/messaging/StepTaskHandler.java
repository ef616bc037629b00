package io.crawlify.worker.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.message.MessageKind;
import io.crawlify.model.message.StepTask;
import io.crawlify.worker.step.StepTaskRunner;
import io.smallrye.mutiny.Uni;

/** Step tasks go to the step task runner. */
@ApplicationScoped
public class StepTaskHandler implements MessageHandler<StepTask> {

    private final StepTaskRunner runner;

    public StepTaskHandler(StepTaskRunner runner) {
        this.runner = runner;
    }

    @Override
    public MessageKind kind() {
        return MessageKind.STEP_TASK;
    }

    @Override
    public Uni<?> handle(StepTask task) {
        return runner.run(task);
    }
}
