package io.crawlify.model.validation;

import io.crawlify.model.error.Path;
import io.crawlify.model.error.ValidationError;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

import io.crawlify.model.credential.CredentialNames;
import io.crawlify.model.trigger.EventTrigger;
import io.crawlify.model.trigger.ScheduleTrigger;
import io.crawlify.model.trigger.TriggerSpec;
import io.crawlify.model.trigger.WebhookTrigger;

/**
 * Checks of a workflow's triggers. Cron expressions are parsed with cron-utils' Quartz definition, the syntax
 * quarkus-scheduler runs them with. Credentials are only named here; they are looked up when a trigger fires.
 */
final class TriggerValidator {

    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    /** Pub/Sub resource ids: 3-255 chars, a letter first, no {@code goog} prefix. */
    private static final Pattern PUBSUB_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._~+%-]{2,254}");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}");

    private TriggerValidator() {
    }

    static void validate(List<TriggerSpec> triggers, List<ValidationError> errors) {
        Map<String, Integer> subscriptions = new HashMap<>();
        int webhooks = 0;
        for (int i = 0; i < triggers.size(); i++) {
            Path at = Path.ROOT.field("triggers").index(i);
            switch (triggers.get(i)) {
                case null -> errors.add(error(at, "must be a trigger object with a type (" + TriggerSpec.TYPES + ")"));
                case WebhookTrigger webhook -> {
                    if (++webhooks > 1) {
                        errors.add(error(at.field("type"), "a workflow has at most one webhook trigger"));
                    }
                    checkWebhook(webhook, at, errors);
                }
                case ScheduleTrigger schedule -> checkSchedule(schedule, at, errors);
                case EventTrigger event -> {
                    checkEvent(event, at, errors);
                    if (event.subscription() != null
                            && subscriptions.putIfAbsent(event.subscription(), i) != null) {
                        errors.add(error(at.field("subscription"), "subscription '" + event.subscription()
                                + "' is already used by triggers[" + subscriptions.get(event.subscription()) + "]"));
                    }
                }
            }
        }
    }

    private static void checkWebhook(WebhookTrigger webhook, Path at, List<ValidationError> errors) {
        if (webhook.secretCredential() != null && !CredentialNames.isValid(webhook.secretCredential())) {
            errors.add(error(at.field("secretCredential"), "must be a credential name: " + CredentialNames.RULE));
        }
        if (!HEADER_NAME.matcher(webhook.signatureHeader()).matches()) {
            errors.add(error(at.field("signatureHeader"), "must be an HTTP header name"));
        }
    }

    private static void checkSchedule(ScheduleTrigger schedule, Path at, List<ValidationError> errors) {
        if (schedule.cron() == null || schedule.cron().isBlank()) {
            errors.add(error(at.field("cron"), "is required (Quartz syntax, e.g. '0 0/15 * * * ?')"));
        } else {
            try {
                QUARTZ.parse(schedule.cron()).validate();
            } catch (IllegalArgumentException e) {
                errors.add(error(at.field("cron"), "invalid Quartz cron expression '" + schedule.cron() + "': "
                        + e.getMessage()));
            }
        }
        try {
            ZoneId.of(schedule.timezone());
        } catch (DateTimeException e) {
            errors.add(error(at.field("timezone"), "unknown time zone '" + schedule.timezone() + "'"));
        }
        if (schedule.input() != null && !schedule.input().isObject() && !schedule.input().isNull()) {
            errors.add(error(at.field("input"), "must be a JSON object"));
        }
    }

    private static void checkEvent(EventTrigger event, Path at, List<ValidationError> errors) {
        checkPubSubName(event.topic(), true, at.field("topic"), errors);
        checkPubSubName(event.subscription(), false, at.field("subscription"), errors);
        event.filter().forEach((attribute, value) -> {
            if (attribute.isBlank()) {
                errors.add(error(at.field("filter"), "attribute names must not be blank"));
            } else if (value == null) {
                errors.add(error(at.field("filter").field(attribute), "must be the attribute's value (a string)"));
            }
        });
    }

    private static void checkPubSubName(String name, boolean required, Path at, List<ValidationError> errors) {
        if (name == null) {
            if (required) {
                errors.add(error(at, "is required"));
            }
        } else if (!PUBSUB_NAME.matcher(name).matches() || name.startsWith("goog")) {
            errors.add(error(at, "must be a Pub/Sub name: 3-255 letters, digits or ._~+%-, starting with a letter, "
                    + "not with 'goog'"));
        }
    }

    private static ValidationError error(Path path, String message) {
        return new ValidationError(path.toString(), message);
    }
}
