package io.crawlify.worker.report;

import java.util.List;

import io.crawlify.model.message.PageEvent;
import io.crawlify.model.message.PageTask;
import io.crawlify.model.message.StepEvent;
import io.smallrye.mutiny.Uni;

/**
 * What the runners tell the rest of the system: child page tasks to run, and how tasks ended. Every call may be
 * repeated safely: page task ids are derived from their parent and URL, and the orchestrator applies an event once
 * per task id.
 */
public interface Reporter {

    Uni<Void> publishTasks(List<PageTask> children);

    Uni<Void> pageEvent(PageEvent event);

    Uni<Void> stepEvent(StepEvent event);
}
