package io.crawlify.worker.step;

import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.expression.ExpressionException;
import io.crawlify.model.validation.InvalidWorkflowException;
import io.crawlify.model.error.ValidationError;

/**
 * A step run that failed, with the kind of error that retry policies match ({@code RetryPolicy.retries(kind,
 * httpStatus)}) and, when there is one, an output worth recording (the response of a failed request, the
 * violations of a validation, the exit code and streams of a command).
 */
public class StepFailure extends RuntimeException {

    /** Connection refused or reset, DNS failure: transient. */
    public static final String NETWORK = "network";
    /** The run, or the request or process in it, outlived its timeout: transient. */
    public static final String TIMEOUT = "timeout";
    /** An HTTP response with a status the step does not expect; {@link #httpStatus()} says which. */
    public static final String HTTP_STATUS = "http_status";
    /** A value that breaks a schema, a response body that is not the JSON asked for or exceeds the size cap. */
    public static final String VALIDATION = "validation";
    /** An expression or template that does not compile or fails to evaluate. */
    public static final String EXPRESSION = "expression";
    /** A command that exited with a non-zero status. */
    public static final String COMMAND_EXIT = "command_exit";
    /** A step type this worker is configured not to run ({@code command}). */
    public static final String DISABLED = "disabled";
    /** A config that is invalid once rendered, a missing credential, a refused target. */
    public static final String CONFIG = "config";
    /** A bug: an exception no executor expected. */
    public static final String INTERNAL = "internal";

    private final String kind;
    private final Integer httpStatus;
    private final transient JsonNode output;

    public StepFailure(String kind, String message) {
        this(kind, message, null, null, null);
    }

    public StepFailure(String kind, String message, Integer httpStatus, JsonNode output, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.output = output;
    }

    public String kind() {
        return kind;
    }

    /** The HTTP status of an {@code http_status} failure, else null. */
    public Integer httpStatus() {
        return httpStatus;
    }

    /** What the failed run produced that is worth recording, or null. */
    public JsonNode output() {
        return output;
    }

    /** Classifies any failure of a run; a {@link StepFailure} stays as it is. */
    public static StepFailure from(Throwable error) {
        if (error instanceof StepFailure failure) {
            return failure;
        }
        if (error instanceof ExpressionException expression) {
            return new StepFailure(EXPRESSION, expression.getMessage(), null, null, expression);
        }
        if (error instanceof InvalidWorkflowException invalid) {
            return new StepFailure(CONFIG, "invalid config: " + String.join("; ",
                    invalid.errors().stream().map(ValidationError::toString).toList()), null, null, invalid);
        }
        if (error instanceof TimeoutException) {
            return new StepFailure(TIMEOUT, "timed out", null, null, error);
        }
        return new StepFailure(INTERNAL, error.getClass().getSimpleName() + ": " + error.getMessage(), null, null,
                error);
    }

    @Override
    public String toString() {
        return "StepFailure[" + kind + (httpStatus == null ? "" : " " + httpStatus) + "]: " + getMessage();
    }
}
