package io.crawlify.worker.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.crawl.Phase;
import io.crawlify.model.message.CrawlTask;

/**
 * What every node of a phase sees: the task (url, depth, marker), the parsed document, and the two verbs
 * {@link #emitItem} and {@link #emitLink}. One context per page; not shared between threads.
 */
public final class NodeContext {

    private final CrawlTask task;
    private final CrawlConfig config;
    private final Phase phase;
    private final Document document;
    private final List<ObjectNode> items = new ArrayList<>();
    private final Map<String, String> links = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    public NodeContext(CrawlTask task, CrawlConfig config, Phase phase, Document document) {
        this.task = task;
        this.config = config;
        this.phase = phase;
        this.document = document;
    }

    public CrawlTask task() {
        return task;
    }

    public CrawlConfig config() {
        return config;
    }

    public Phase phase() {
        return phase;
    }

    public Document document() {
        return document;
    }

    public void emitItem(ObjectNode item) {
        items.add(item);
    }

    /** Records a discovered, normalised URL with its marker; the first marker seen for a URL wins. */
    public void emitLink(String normalizedUrl, String marker) {
        links.putIfAbsent(normalizedUrl, marker);
    }

    public void warn(String message) {
        warnings.add(message);
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
}
