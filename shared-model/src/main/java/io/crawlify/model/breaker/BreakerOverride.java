package io.crawlify.model.breaker;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The per-name settings of a circuit breaker; a null field follows the service default, so changing a default
 * reaches every breaker that did not set that field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BreakerOverride(Double failureRatio, Integer minimumCalls, Integer windowSize, Long openDelayMs,
        Integer halfOpenProbes) {

    public static final BreakerOverride NONE = new BreakerOverride(null, null, null, null, null);

    public BreakerConfig over(BreakerConfig defaults) {
        return new BreakerConfig(
                failureRatio != null ? failureRatio : defaults.failureRatio(),
                minimumCalls != null ? minimumCalls : defaults.minimumCalls(),
                windowSize != null ? windowSize : defaults.windowSize(),
                openDelayMs != null ? openDelayMs : defaults.openDelayMs(),
                halfOpenProbes != null ? halfOpenProbes : defaults.halfOpenProbes());
    }

    /** The fields of the Redis config hash the scripts read (only those set). */
    public Map<String, String> redisFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        if (failureRatio != null) {
            fields.put("failureRatio", failureRatio.toString());
        }
        if (minimumCalls != null) {
            fields.put("minimumCalls", minimumCalls.toString());
        }
        if (windowSize != null) {
            fields.put("windowSize", windowSize.toString());
        }
        if (openDelayMs != null) {
            fields.put("openDelayMs", openDelayMs.toString());
        }
        if (halfOpenProbes != null) {
            fields.put("halfOpenProbes", halfOpenProbes.toString());
        }
        return fields;
    }
}
