package io.crawlify.worker.step;

import java.net.URI;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.breaker.BreakerKeys;
import io.crawlify.model.expression.Templates;
import io.crawlify.model.workflow.StepDefinition;

/**
 * Which circuit breaker guards a step: the one it names, else — for HTTP steps — one per target authority (host,
 * and port when it is not the scheme's default), so every workflow calling a failing service backs off together
 * while other services on the same host keep their own state.
 */
final class BreakerNames {

    private static final Set<String> HTTP_TYPES = Set.of("http_request", "webhook_call");
    /** Failures that say the target is unwell; a bad expression or a schema violation says nothing about it. */
    private static final Set<String> TARGET_FAILURES = Set.of("network", "timeout", "http_status");

    private BreakerNames() {
    }

    static String of(StepDefinition step, JsonNode context) {
        if (step.circuitBreaker() != null) {
            return step.circuitBreaker();
        }
        if (!HTTP_TYPES.contains(step.type()) || step.config() == null || !step.config().hasNonNull("url")) {
            return null;
        }
        try {
            URI url = URI.create(Templates.render(step.config().get("url"), context).asText());
            if (url.getHost() == null) {
                return null;
            }
            String host = BreakerKeys.forHost(url.getHost());
            return url.getPort() < 0 ? host : host + ":" + url.getPort();
        } catch (RuntimeException e) {
            return null; // the step itself reports the bad URL
        }
    }

    static boolean countsAsFailure(Throwable e) {
        if (!(e instanceof StepFailure failure) || !TARGET_FAILURES.contains(failure.kind())) {
            return false;
        }
        Integer status = failure.httpStatus();
        return status == null || status >= 500 || status == 429 || status == 408;
    }
}
