package io.crawlify.model.validation;

import io.crawlify.model.error.ValidationError;
import java.util.List;

/** A workflow definition that cannot be stored; carries every problem found, each with its path. */
public class InvalidWorkflowException extends RuntimeException {

    private final List<ValidationError> errors;

    public InvalidWorkflowException(List<ValidationError> errors) {
        super(errors.isEmpty() ? "invalid workflow" : errors.get(0).toString());
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
