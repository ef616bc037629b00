package io.crawlify.worker.phase;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.crawl.Phase;
import io.crawlify.model.message.PageTask;

/**
 * What every node of a phase sees: the task (url, depth, marker), the page's document, and the verbs
 * {@link #emitItem}, {@link #emitLink} and {@link #addArtifact}. Over HTTP the document is the fetched one; in the
 * browser it is a snapshot of the live DOM, taken again after any node that may have changed the page, so the
 * same extract specs serve both renderers. One context per page, used by one thread.
 */
public final class NodeContext {

    /** A file a node produced (a screenshot), stored with the task; {@code field} links it from the page's items. */
    public record Artifact(UUID id, String name, String contentType, byte[] data, String field) {

        /** Where the orchestrator serves it, under its API base path (e.g. {@code /api/v1}). */
        public String path(String apiBasePath, UUID executionId) {
            return apiBasePath + "/executions/" + executionId + "/artifacts/" + id;
        }
    }

    private final PageTask task;
    private final CrawlConfig config;
    private final Phase phase;
    private final Page page;
    private Document document;
    private long documentBytes;
    private final List<ObjectNode> items = new ArrayList<>();
    private final Map<String, String> links = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Artifact> artifacts = new ArrayList<>();
    private int repeatDepth;
    private boolean repeatEnded;

    /** A page fetched over HTTP. */
    public NodeContext(PageTask task, CrawlConfig config, Phase phase, Document document) {
        this(task, config, phase, document, null);
    }

    private NodeContext(PageTask task, CrawlConfig config, Phase phase, Document document, Page page) {
        this.task = task;
        this.config = config;
        this.phase = phase;
        this.document = document;
        this.page = page;
    }

    /** A page live in the browser; must be used on the thread that owns {@code page}. */
    public static NodeContext live(PageTask task, CrawlConfig config, Phase phase, Page page) {
        return new NodeContext(task, config, phase, null, page);
    }

    public PageTask task() {
        return task;
    }

    public CrawlConfig config() {
        return config;
    }

    public Phase phase() {
        return phase;
    }

    public boolean inBrowser() {
        return page != null;
    }

    /** The live page; only browser-only nodes ask for it, and validation keeps them out of HTTP crawls. */
    public Page page() {
        if (page == null) {
            throw new IllegalStateException("this node needs the browser renderer");
        }
        return page;
    }

    /** The document: fetched over HTTP, or a fresh snapshot of the rendered DOM. */
    public Document document() {
        if (document == null) {
            String html = page.content();
            documentBytes = html.getBytes(StandardCharsets.UTF_8).length;
            document = Jsoup.parse(html, page.url());
        }
        return document;
    }

    /** Size of the current DOM snapshot in bytes (taking one if the page changed since); 0 over HTTP. */
    public long documentBytes() {
        if (page != null) {
            document();
        }
        return documentBytes;
    }

    /** The live page may have changed: the next {@link #document()} takes a new snapshot. */
    public void pageChanged() {
        if (page != null) {
            document = null;
        }
    }

    public void emitItem(ObjectNode item) {
        items.add(item);
    }

    /** Records a discovered, normalised URL with its marker; the first marker seen for a URL wins. */
    public void emitLink(String normalizedUrl, String marker) {
        links.putIfAbsent(normalizedUrl, marker);
    }

    /**
     * Stores a file with the task. Its id is derived from the task and its position, so a redelivered task
     * overwrites its artifacts instead of adding new ones, and the links in its items stay valid.
     */
    public Artifact addArtifact(String name, String contentType, byte[] data, String field) {
        UUID id = UUID.nameUUIDFromBytes((task.taskId() + "#" + artifacts.size()).getBytes(StandardCharsets.UTF_8));
        Artifact artifact = new Artifact(id, name, contentType, data, field);
        artifacts.add(artifact);
        return artifact;
    }

    public void warn(String message) {
        warnings.add(message);
    }

    /** Links every item of the page to the artifacts that name a field (items keep a value they already have). */
    public void linkArtifacts(String apiBasePath) {
        for (Artifact artifact : artifacts) {
            if (artifact.field() == null) {
                continue;
            }
            for (ObjectNode item : items) {
                if (!item.has(artifact.field())) {
                    item.put(artifact.field(), artifact.path(apiBasePath, task.executionId()));
                }
            }
        }
    }

    // --- repeat loops: a node that finds nothing more to do ends the innermost loop ---

    public boolean inRepeat() {
        return repeatDepth > 0;
    }

    public void enterRepeat() {
        repeatDepth++;
        repeatEnded = false;
    }

    public void exitRepeat() {
        repeatDepth--;
        repeatEnded = false;
    }

    /** Called by a node inside a repeat when it is exhausted (no next button, the page stopped growing). */
    public void endRepeat() {
        repeatEnded = true;
    }

    public boolean repeatEnded() {
        return repeatEnded;
    }

    public List<ObjectNode> items() {
        return Collections.unmodifiableList(items);
    }

    public Map<String, String> links() {
        return Collections.unmodifiableMap(links);
    }

    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    public List<Artifact> artifacts() {
        return Collections.unmodifiableList(artifacts);
    }
}
