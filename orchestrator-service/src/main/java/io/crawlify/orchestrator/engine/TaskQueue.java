package io.crawlify.orchestrator.engine;

import java.util.List;

import io.crawlify.model.message.PageTask;
import io.crawlify.model.message.StepTask;
import io.smallrye.mutiny.Uni;

/**
 * Where the engine hands work to the workers. The engine knows only this port; messaging implements it on Pub/Sub.
 * Completing means the queue holds the tasks: a task published twice has its effect once (ids are deterministic).
 */
public interface TaskQueue {

    Uni<Void> publishPages(List<PageTask> tasks);

    Uni<Void> publishStep(StepTask task);
}
