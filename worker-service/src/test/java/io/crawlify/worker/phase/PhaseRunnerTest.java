package io.crawlify.worker.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.crawlify.model.crawl.ClickNode;
import io.crawlify.model.crawl.ExtractNode;
import io.crawlify.model.crawl.FieldSpec;
import io.crawlify.model.crawl.NodeSpec;
import io.crawlify.model.crawl.Phase;
import io.crawlify.model.crawl.RepeatNode;
import io.crawlify.model.message.PageTask;
import jakarta.enterprise.inject.Instance;

/** The runner's own control flow (repeat) and artifact linking, with stand-in executors. */
class PhaseRunnerTest {

    /** Emits one item per call, numbered. */
    static final class CountingExtract implements NodeHandler<ExtractNode> {
        int calls;

        @Override
        public Class<ExtractNode> handles() {
            return ExtractNode.class;
        }

        @Override
        public void handle(ExtractNode node, NodeContext context) {
            calls++;
            context.emitItem(JsonNodeFactory.instance.objectNode().put("n", calls));
        }
    }

    /** A "next" button that exists for the first {@code pages - 1} clicks. */
    static final class NextButton implements NodeHandler<ClickNode> {
        final int pages;
        int clicks;

        NextButton(int pages) {
            this.pages = pages;
        }

        @Override
        public Class<ClickNode> handles() {
            return ClickNode.class;
        }

        @Override
        public void handle(ClickNode node, NodeContext context) {
            if (clicks + 1 >= pages) {
                context.endRepeat();
                return;
            }
            clicks++;
        }
    }

    private static final ExtractNode EXTRACT = new ExtractNode(null,
            Map.of("n", new FieldSpec("h1", null, null, null, null, null, null)));
    private static final ClickNode NEXT = new ClickNode("button.next", null, null, null, null, null);

    @Test
    void repeatRunsUntilANodeEndsTheLoop() {
        CountingExtract extract = new CountingExtract();
        NodeContext context = run(List.of(new RepeatNode(50, List.of(EXTRACT, NEXT)), EXTRACT),
                extract, new NextButton(4));

        // Four pages extracted inside the loop, then the node after the loop still runs.
        assertEquals(List.of(1, 2, 3, 4, 5), numbers(context));
        assertFalse(context.inRepeat());
        assertFalse(context.repeatEnded());
    }

    @Test
    void repeatStopsAtMaxIterations() {
        NodeContext context = run(List.of(new RepeatNode(3, List.of(EXTRACT, NEXT))), new CountingExtract(),
                new NextButton(100));

        assertEquals(List.of(1, 2, 3), numbers(context));
    }

    @Test
    void artifactsAreLinkedFromEveryItemWithStableIds() {
        PageTask task = task();
        NodeContext first = new NodeContext(task, null, phase(List.of()), Jsoup.parse("<h1>x</h1>"));
        first.emitItem(JsonNodeFactory.instance.objectNode().put("name", "a"));
        NodeContext.Artifact shot = first.addArtifact("screenshot.png", "image/png", new byte[] {1}, "shot");
        first.emitItem(JsonNodeFactory.instance.objectNode().put("name", "b").put("shot", "kept"));
        first.linkArtifacts("/api/v1");

        String path = "/api/v1/executions/" + task.executionId() + "/artifacts/" + shot.id();
        assertEquals(path, first.items().get(0).get("shot").asText());
        assertEquals("kept", first.items().get(1).get("shot").asText());
        // A redelivered task produces the same artifact id, so links written the first time stay valid.
        NodeContext again = new NodeContext(task, null, phase(List.of()), Jsoup.parse(""));
        assertEquals(shot.id(), again.addArtifact("screenshot.png", "image/png", new byte[] {2}, "shot").id());
        assertTrue(again.addArtifact("other.png", "image/png", new byte[0], null).id() != shot.id());
    }

    private static NodeContext run(List<NodeSpec> nodes, NodeHandler<?>... handlers) {
        NodeContext context = new NodeContext(task(), null, phase(nodes), Jsoup.parse("<h1>x</h1>"));
        new PhaseRunner(instance(List.of(handlers)), "/api/v1").run(context);
        return context;
    }

    private static List<Integer> numbers(NodeContext context) {
        List<Integer> numbers = new ArrayList<>();
        context.items().forEach(item -> numbers.add(item.get("n").asInt()));
        return numbers;
    }

    private static PageTask task() {
        return PageTask.of(UUID.randomUUID(), UUID.randomUUID(), 1, "crawl", "list", "https://shop.test/", 0, null,
                null);
    }

    private static Phase phase(List<NodeSpec> nodes) {
        return new Phase("list", nodes, Map.of(), null);
    }

    /** Just enough of CDI's Instance for the runner's constructor, which only iterates it. */
    private static Instance<NodeHandler<?>> instance(List<NodeHandler<?>> executors) {
        return new Instance<>() {
            @Override
            public Iterator<NodeHandler<?>> iterator() {
                return executors.iterator();
            }

            @Override
            public Instance<NodeHandler<?>> select(java.lang.annotation.Annotation... qualifiers) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <U extends NodeHandler<?>> Instance<U> select(Class<U> subtype,
                    java.lang.annotation.Annotation... qualifiers) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <U extends NodeHandler<?>> Instance<U> select(jakarta.enterprise.util.TypeLiteral<U> subtype,
                    java.lang.annotation.Annotation... qualifiers) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isUnsatisfied() {
                return executors.isEmpty();
            }

            @Override
            public boolean isAmbiguous() {
                return false;
            }

            @Override
            public void destroy(NodeHandler<?> instance) {
            }

            @Override
            public Handle<NodeHandler<?>> getHandle() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Iterable<? extends Handle<NodeHandler<?>>> handles() {
                throw new UnsupportedOperationException();
            }

            @Override
            public NodeHandler<?> get() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
