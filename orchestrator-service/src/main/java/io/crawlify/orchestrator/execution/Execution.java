package io.crawlify.orchestrator.execution;

import io.crawlify.orchestrator.engine.ExecutionStats;
import io.crawlify.orchestrator.engine.ExecutionStatus;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One run of a pinned workflow version. Stats are reconciled here from the Redis counters. */
@Entity
@Table(name = "executions")
public class Execution extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "workflow_id")
    public UUID workflowId;
    @Column(name = "workflow_version")
    public int workflowVersion;
    @Column(columnDefinition = "text")
    public String status;
    @Column(name = "trigger_type", columnDefinition = "text")
    public String triggerType;
    @ColumnTransformer(read = "input::text", write = "?::text::jsonb")
    @Column(columnDefinition = "jsonb")
    public String input;
    @Column(name = "tasks_enqueued")
    public long tasksEnqueued;
    @Column(name = "tasks_completed")
    public long tasksCompleted;
    @Column(name = "tasks_failed")
    public long tasksFailed;
    @Column(name = "pages_crawled")
    public long pagesCrawled;
    @Column(name = "items_extracted")
    public long itemsExtracted;
    @Column(name = "bytes_downloaded")
    public long bytesDownloaded;
    @Column(name = "pages_http")
    public long pagesHttp;
    @Column(name = "pages_browser")
    public long pagesBrowser;
    @Column(columnDefinition = "text")
    public String error;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;

    public boolean isActive() {
        return ExecutionStatus.isActive(status);
    }

    public void apply(ExecutionStats stats) {
        tasksEnqueued = stats.tasksEnqueued();
        tasksCompleted = stats.tasksCompleted();
        tasksFailed = stats.tasksFailed();
        pagesCrawled = stats.pagesCrawled();
        itemsExtracted = stats.itemsExtracted();
        bytesDownloaded = stats.bytesDownloaded();
        pagesHttp = stats.pagesByRenderer().http();
        pagesBrowser = stats.pagesByRenderer().browser();
    }

    public ExecutionStats stats() {
        return new ExecutionStats(tasksEnqueued, tasksCompleted, tasksFailed, pagesCrawled, itemsExtracted,
                bytesDownloaded, new ExecutionStats.PagesByRenderer(pagesHttp, pagesBrowser));
    }
}
