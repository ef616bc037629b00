package io.crawlify.orchestrator.breaker;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.breaker.BreakerOverride;
import io.crawlify.orchestrator.api.ApiException;

/**
 * Reads the body of {@code PUT /circuit-breakers/{name}/config}: any of the five settings, a missing or null one
 * following the default. Unknown fields are refused, so a misspelt setting is not silently ignored.
 */
final class BreakerConfigRequest {

    private static final Set<String> FIELDS = Set.of("failureRatio", "minimumCalls", "windowSize", "openDelayMs",
            "halfOpenProbes");

    private BreakerConfigRequest() {
    }

    static BreakerOverride parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("$", "the config must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest(field, "unknown property '" + field + "' (known: failureRatio, "
                        + "minimumCalls, windowSize, openDelayMs, halfOpenProbes)");
            }
        }
        Long minimumCalls = integer(body, "minimumCalls", Integer.MAX_VALUE);
        Long windowSize = integer(body, "windowSize", Integer.MAX_VALUE);
        Long halfOpenProbes = integer(body, "halfOpenProbes", Integer.MAX_VALUE);
        return new BreakerOverride(number(body, "failureRatio"),
                minimumCalls == null ? null : minimumCalls.intValue(),
                windowSize == null ? null : windowSize.intValue(),
                integer(body, "openDelayMs", Long.MAX_VALUE),
                halfOpenProbes == null ? null : halfOpenProbes.intValue());
    }

    private static Double number(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw ApiException.badRequest(field, field + " must be a number");
        }
        return value.doubleValue();
    }

    private static Long integer(JsonNode body, String field, long max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() > max) {
            throw ApiException.badRequest(field, field + " must be an integer up to " + max);
        }
        return value.longValue();
    }
}
