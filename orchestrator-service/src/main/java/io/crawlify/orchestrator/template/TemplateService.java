package io.crawlify.orchestrator.template;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.template.WorkflowTemplate;
import io.crawlify.orchestrator.api.ApiException;
import io.crawlify.orchestrator.workflow.WorkflowResponse;
import io.crawlify.orchestrator.workflow.WorkflowService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Templates: check → store; and instantiate → create an ordinary workflow through {@link WorkflowService}. */
@ApplicationScoped
public class TemplateService {

    /** A page of templates (without their definitions) and how many there are in all. */
    public record TemplatePage(List<TemplateResponse> items, int offset, int limit, long total) {
    }

    private final WorkflowService workflows;
    private final ObjectMapper json;

    public TemplateService(WorkflowService workflows, ObjectMapper json) {
        this.workflows = workflows;
        this.json = json;
    }

    public Uni<TemplateResponse> create(JsonNode body) {
        WorkflowTemplate template = WorkflowTemplate.parse(body);
        StoredTemplate stored = toStored(template);
        return Panache.withTransaction(stored::persist)
                .onFailure(TemplateService::isUniqueViolation).transform(e -> ApiException.conflict(
                        "a template named '" + template.name() + "' already exists"))
                .map(ignored -> toResponse(stored, true));
    }

    @WithSession
    public Uni<TemplatePage> list(int offset, int limit) {
        return StoredTemplate.<StoredTemplate>findAll(Sort.ascending("name"))
                .range(offset, offset + limit - 1).list()
                .chain(templates -> StoredTemplate.count().map(total -> new TemplatePage(
                        templates.stream().map(t -> toResponse(t, false)).toList(), offset, limit, total)));
    }

    @WithSession
    public Uni<TemplateResponse> get(UUID id) {
        return find(id).map(t -> toResponse(t, true));
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return find(id).call(StoredTemplate::delete).replaceWithVoid();
    }

    /** Fills in the parameters and creates the workflow, validated like any other. */
    public Uni<WorkflowResponse> instantiate(UUID id, JsonNode body) {
        InstantiateRequest request = InstantiateRequest.parse(body);
        return Panache.withSession(() -> find(id))
                .map(stored -> WorkflowTemplate.stored(stored.name, stored.description, readTree(stored.parameters),
                        readTree(stored.definition)).instantiate(request.name(), request.parameters()))
                .chain(workflows::create);
    }

    private static Uni<StoredTemplate> find(UUID id) {
        return StoredTemplate.<StoredTemplate>findById(id).onItem().ifNull()
                .failWith(() -> ApiException.notFound("template", id));
    }

    private StoredTemplate toStored(WorkflowTemplate template) {
        Instant now = Instant.now();
        StoredTemplate stored = new StoredTemplate();
        stored.id = UUID.randomUUID();
        stored.name = template.name();
        stored.description = template.description();
        stored.parameters = writeJson(template.parameters());
        stored.definition = template.definition().toString();
        stored.createdAt = now;
        stored.updatedAt = now;
        return stored;
    }

    private TemplateResponse toResponse(StoredTemplate stored, boolean withDefinition) {
        WorkflowTemplate template = WorkflowTemplate.stored(stored.name, stored.description,
                readTree(stored.parameters), null);
        return new TemplateResponse(stored.id, stored.name, stored.description, template.parameters(),
                stored.createdAt, stored.updatedAt, withDefinition ? readTree(stored.definition) : null);
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode readTree(String stored) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored template JSON is unreadable", e);
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("23505")) {
                return true;
            }
        }
        return false;
    }
}
