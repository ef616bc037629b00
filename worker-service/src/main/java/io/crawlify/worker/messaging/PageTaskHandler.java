package io.crawlify.worker.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.crawlify.model.message.MessageKind;
import io.crawlify.model.message.PageTask;
import io.crawlify.worker.page.PageTaskRunner;
import io.smallrye.mutiny.Uni;

/** Page tasks go to the page task runner. */
@ApplicationScoped
public class PageTaskHandler implements MessageHandler<PageTask> {

    private final PageTaskRunner runner;

    public PageTaskHandler(PageTaskRunner runner) {
        this.runner = runner;
    }

    @Override
    public MessageKind kind() {
        return MessageKind.PAGE_TASK;
    }

    @Override
    public Uni<?> handle(PageTask task) {
        return runner.run(task);
    }
}
