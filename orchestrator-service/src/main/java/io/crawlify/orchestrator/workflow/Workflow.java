package io.crawlify.orchestrator.workflow;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A workflow's identity and its current version; the definitions live in {@link WorkflowVersion}. */
@Entity
@Table(name = "workflows")
public class Workflow extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(columnDefinition = "text")
    public String name;
    @Column(columnDefinition = "text")
    public String description;
    @Column(name = "current_version")
    public int currentVersion;
    @Column(columnDefinition = "text")
    public String status;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;

    public static Uni<Workflow> findLive(UUID id) {
        return find("id = ?1 and deletedAt is null", id).firstResult();
    }
}
