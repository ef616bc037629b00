package io.crawlify.orchestrator.api;


import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.crawlify.model.template.InvalidTemplateException;
import io.crawlify.model.validation.InvalidWorkflowException;
import io.quarkus.logging.Log;

/** Turns every error into {@code application/problem+json}, naming the field when one is at fault. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalidWorkflow(InvalidWorkflowException e) {
        var first = e.errors().get(0);
        String detail = e.errors().size() == 1 ? first.toString()
                : first + " (and " + (e.errors().size() - 1) + " more problem(s))";
        return respond(new Problem("https://crawlify.io/problems/invalid-workflow", "Invalid workflow", 400,
                detail, first.path(), e.errors()));
    }

    @ServerExceptionMapper
    public Response invalidTemplate(InvalidTemplateException e) {
        var first = e.errors().get(0);
        String detail = e.errors().size() == 1 ? first.toString()
                : first + " (and " + (e.errors().size() - 1) + " more problem(s))";
        return respond(new Problem("https://crawlify.io/problems/invalid-template", "Invalid template", 400,
                detail, first.path(), e.errors()));
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(Problem.of(e.status(), e.title(), e.getMessage(), e.field()));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String field = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            field = path.toString();
        }
        return respond(new Problem("about:blank", "Malformed JSON", 400, e.getOriginalMessage(), field, null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return respond(Problem.of(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        Log.errorf(e, "unexpected error");
        return respond(Problem.of(500, "Internal Server Error", "unexpected error; see the server log", null));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

}
