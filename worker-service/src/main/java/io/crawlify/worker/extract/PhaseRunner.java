package io.crawlify.worker.extract;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.crawlify.model.crawl.NodeSpec;

/** Runs a phase's nodes in order over one page, each through the executor registered for its type. */
@ApplicationScoped
public class PhaseRunner {

    private final Map<Class<?>, NodeExecutor<?>> executors = new HashMap<>();

    public PhaseRunner(Instance<NodeExecutor<?>> discovered) {
        for (NodeExecutor<?> executor : discovered) {
            executors.put(executor.handles(), executor);
        }
    }

    public void run(NodeContext context) {
        for (NodeSpec node : context.phase().nodes()) {
            execute(node, context);
        }
    }

    @SuppressWarnings("unchecked")
    private <N extends NodeSpec> void execute(N node, NodeContext context) {
        NodeExecutor<N> executor = (NodeExecutor<N>) executors.get(node.getClass());
        if (executor == null) {
            throw new IllegalStateException("no executor for node " + node.getClass().getSimpleName());
        }
        executor.execute(node, context);
    }
}
