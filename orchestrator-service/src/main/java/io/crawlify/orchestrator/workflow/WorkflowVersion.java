package io.crawlify.orchestrator.workflow;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** One immutable version of a workflow's definition (JSONB). Executions pin the version they start with. */
@Entity
@Table(name = "workflow_versions")
public class WorkflowVersion extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "workflow_id")
    public UUID workflowId;
    public int version;
    @ColumnTransformer(read = "definition::text", write = "?::text::jsonb")
    @Column(columnDefinition = "jsonb")
    public String definition;
    @Column(name = "created_at")
    public Instant createdAt;

    public static Uni<WorkflowVersion> find(UUID workflowId, int version) {
        return find("workflowId = ?1 and version = ?2", workflowId, version).firstResult();
    }
}
