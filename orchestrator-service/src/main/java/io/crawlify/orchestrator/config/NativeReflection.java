package io.crawlify.orchestrator.config;

import io.crawlify.orchestrator.api.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The problem body, which Jackson writes in a native image only when registered: exception mappers and filters
 * build it, it is never the declared return type of a resource method. The shared-model types are registered by
 * {@link io.crawlify.model.NativeReflection}.
 */
@RegisterForReflection(targets = Problem.class)
final class NativeReflection {

    private NativeReflection() {
    }
}
