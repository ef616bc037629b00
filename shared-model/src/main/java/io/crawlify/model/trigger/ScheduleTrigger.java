package io.crawlify.model.trigger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Starts the workflow on a Quartz cron schedule ({@code sec min hour day-of-month month day-of-week [year]}, e.g.
 * {@code 0 0/15 * * * ?}) in {@code timezone} (default UTC), with {@code input} as the execution's input.
 */
public record ScheduleTrigger(String cron, String timezone, JsonNode input) implements TriggerSpec {

    public static final String TYPE = "schedule";

    public ScheduleTrigger {
        timezone = timezone == null ? "UTC" : timezone;
    }
}
