package io.crawlify.orchestrator.breaker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crawlify.model.breaker.BreakerConfig;
import io.crawlify.model.breaker.BreakerOverride;
import io.crawlify.model.breaker.BreakerState;

/**
 * A breaker's state hash and history as read at Redis time {@code now} ({@code BreakerScripts.SNAPSHOT});
 * {@link #NEVER_CALLED} stands for a breaker that is configured but has no state yet.
 */
record BreakerSnapshot(long now, Map<String, String> fields, List<String> history) {

    static final BreakerSnapshot NEVER_CALLED = new BreakerSnapshot(0, Map.of(), List.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    BreakerView view(String name, BreakerConfig config, BreakerOverride override, boolean withTransitions) {
        BreakerState state = BreakerState.valueOf(fields.getOrDefault("state", BreakerState.CLOSED.name()));
        long windowCalls = number("windowCalls");
        long windowFailures = number("windowFailures");
        long openedUntil = number("openedUntil");
        boolean open = state == BreakerState.OPEN;
        return new BreakerView(name, state, config, override, number("calls"), number("failures"),
                number("rejections"),
                new BreakerView.Window(windowCalls, windowFailures,
                        windowCalls == 0 ? 0 : (double) windowFailures / windowCalls),
                state == BreakerState.HALF_OPEN ? (int) number("probes") : null,
                open ? Instant.ofEpochMilli(openedUntil) : null,
                open ? Math.max(0, openedUntil - now) : null,
                fields.containsKey("lastTransitionAt") ? Instant.ofEpochMilli(number("lastTransitionAt")) : null,
                withTransitions ? transitions() : null);
    }

    private long number(String field) {
        String value = fields.get(field);
        return value == null ? 0 : Long.parseLong(value);
    }

    private List<BreakerView.Transition> transitions() {
        List<BreakerView.Transition> transitions = new ArrayList<>(history.size());
        for (String entry : history) {
            try {
                JsonNode t = JSON.readTree(entry);
                transitions.add(new BreakerView.Transition(BreakerState.valueOf(t.path("from").asText()),
                        BreakerState.valueOf(t.path("to").asText()), Instant.ofEpochMilli(t.path("at").asLong()),
                        t.path("reason").asText(null)));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new IllegalStateException("unreadable breaker transition: " + entry, e);
            }
        }
        return transitions;
    }
}
