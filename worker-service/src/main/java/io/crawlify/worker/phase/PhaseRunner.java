package io.crawlify.worker.phase;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.crawlify.model.crawl.NodeSpec;
import io.crawlify.model.crawl.RepeatNode;
import io.crawlify.model.crawl.WaitNode;
import io.crawlify.worker.config.WorkerConfig;

/**
 * Runs a phase's nodes in order over one page, each through the handler registered for its type. The control
 * node {@code repeat} is the runner's own: it runs its nodes until one of them ends the loop or the iterations run
 * out.
 */
@ApplicationScoped
public class PhaseRunner {

    private final Map<Class<?>, NodeHandler<?>> handlers = new HashMap<>();
    private final String apiBasePath;

    @Inject
    public PhaseRunner(Instance<NodeHandler<?>> discovered, WorkerConfig config) {
        this(discovered, config.apiBasePath());
    }

    public PhaseRunner(Instance<NodeHandler<?>> discovered, String apiBasePath) {
        for (NodeHandler<?> handler : discovered) {
            handlers.put(handler.handles(), handler);
        }
        this.apiBasePath = apiBasePath;
    }

    public void run(NodeContext context) {
        runNodes(context.phase().nodes(), context);
        context.linkArtifacts(apiBasePath);
    }

    private void runNodes(List<NodeSpec> nodes, NodeContext context) {
        for (NodeSpec node : nodes) {
            if (node instanceof RepeatNode repeat) {
                runRepeat(repeat, context);
            } else {
                handle(node, context);
            }
            if (context.repeatEnded()) {
                return;
            }
        }
    }

    private void runRepeat(RepeatNode repeat, NodeContext context) {
        context.enterRepeat();
        try {
            for (int i = 0; i < repeat.maxIterations() && !context.repeatEnded(); i++) {
                runNodes(repeat.nodes(), context);
            }
        } finally {
            context.exitRepeat();
        }
    }

    @SuppressWarnings("unchecked")
    private <N extends NodeSpec> void handle(N node, NodeContext context) {
        NodeHandler<N> handler = (NodeHandler<N>) handlers.get(node.getClass());
        if (handler == null) {
            throw new IllegalStateException("no handler for node " + node.typeName());
        }
        handler.handle(node, context);
        if (node.browserOnly() || node instanceof WaitNode) {
            context.pageChanged();
        }
    }
}
