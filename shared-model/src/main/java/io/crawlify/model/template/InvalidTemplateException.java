package io.crawlify.model.template;

import java.util.List;

import io.crawlify.model.error.ValidationError;

/** A template that cannot be stored, or parameters it cannot be instantiated with; every problem with its path. */
public class InvalidTemplateException extends RuntimeException {

    private final List<ValidationError> errors;

    public InvalidTemplateException(List<ValidationError> errors) {
        super(errors.isEmpty() ? "invalid template" : errors.get(0).toString());
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
