package io.crawlify.model.step;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import io.crawlify.model.expression.Templates;
import io.crawlify.model.error.ConfigErrors;

/**
 * A {@code wait} step: pauses the workflow for {@code durationMs}, for {@code duration} (ISO-8601, e.g.
 * {@code PT5S}), or until {@code until} (an ISO-8601 timestamp with offset, e.g. {@code 2030-01-01T09:00:00Z},
 * usually a template such as {@code {{ input.notBefore }}}). Exactly one of the three.
 */
public record WaitConfig(Long durationMs, String duration, String until) implements StepConfig {

    /** How long to wait from {@code now}; a moment already past waits nothing. Call on a rendered config. */
    public Duration delay(Instant now) {
        if (durationMs != null) {
            return Duration.ofMillis(Math.max(0, durationMs));
        }
        if (duration != null) {
            return parseDuration(duration);
        }
        Duration left = Duration.between(now, parseInstant(until));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The moment the wait ends when it starts at {@code now}. */
    public Instant end(Instant now) {
        return until != null ? max(now, parseInstant(until)) : now.plus(delay(now));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** @throws IllegalArgumentException when the text is not an ISO-8601 duration (or is negative) */
    public static Duration parseDuration(String text) {
        try {
            Duration parsed = Duration.parse(text.strip());
            if (parsed.isNegative()) {
                throw new IllegalArgumentException("duration '" + text + "' is negative");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 duration such as PT30S or PT1H: '" + text + "'");
        }
    }

    /** @throws IllegalArgumentException when the text is not an ISO-8601 timestamp with an offset */
    public static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "not an ISO-8601 timestamp with offset such as 2030-01-01T09:00:00Z: '" + text + "'");
        }
    }

    @Override
    public void validate(ConfigErrors errors) {
        int given = (durationMs != null ? 1 : 0) + (duration != null ? 1 : 0) + (until != null ? 1 : 0);
        if (given != 1) {
            errors.add("exactly one of 'durationMs', 'duration' or 'until' is required");
        }
        if (durationMs != null && durationMs < 0) {
            errors.field("durationMs").add("must be >= 0");
        }
        check(duration, errors.field("duration"), WaitConfig::parseDuration);
        check(until, errors.field("until"), WaitConfig::parseInstant);
    }

    private static void check(String value, ConfigErrors errors, java.util.function.Function<String, ?> parser) {
        if (value == null || Templates.isTemplated(value)) {
            return;
        }
        try {
            parser.apply(value);
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
        }
    }
}
