package io.crawlify.orchestrator.template;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A workflow template as stored: its parameters (a JSON array) and its definition with placeholders (JSONB). */
@Entity
@Table(name = "workflow_templates")
public class StoredTemplate extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(columnDefinition = "text")
    public String name;
    @Column(columnDefinition = "text")
    public String description;
    @ColumnTransformer(read = "parameters::text", write = "?::text::jsonb")
    @Column(columnDefinition = "jsonb")
    public String parameters;
    @ColumnTransformer(read = "definition::text", write = "?::text::jsonb")
    @Column(columnDefinition = "jsonb")
    public String definition;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
