package io.crawlify.orchestrator.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A web site served inside the test on a random loopback port. Pages come from a function of the path; the site
 * records every hit (path and time) and the bytes it served, so tests can assert what the crawler fetched.
 */
public final class TestSite implements AutoCloseable {

    /** A response: status and HTML body. */
    public record Page(int status, String body) {
        public static Page html(String body) {
            return new Page(200, body);
        }

        public static Page status(int status) {
            return new Page(status, "<html><body>status " + status + "</body></html>");
        }
    }

    /** One request the site answered. */
    public record Hit(String path, long atNanos) {
    }

    private final HttpServer server;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong bytesServed = new AtomicLong();
    private final Map<String, String> userAgents = new ConcurrentHashMap<>();
    private final String robotsTxt;

    public TestSite(Function<String, Page> pages) {
        this(pages, null);
    }

    /** A site that also serves {@code robotsTxt} (null: robots.txt is 404, everything allowed). */
    public TestSite(Function<String, Page> pages, String robotsTxt) {
        this.robotsTxt = robotsTxt;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> serve(exchange, pages));
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread thread = new Thread(r, "test-site");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public long hits(String path) {
        AtomicLong count = counts.get(path);
        return count == null ? 0 : count.get();
    }

    /** The User-Agent of the last request for {@code path}. */
    public String userAgent(String path) {
        return userAgents.get(path);
    }

    public List<Hit> hitLog() {
        return List.copyOf(hits);
    }

    /** Bytes of successful (2xx) page bodies served, robots.txt excluded: what the crawler should count. */
    public long bytesServed() {
        return bytesServed.get();
    }

    private void serve(HttpExchange exchange, Function<String, Page> pages) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (exchange.getRequestURI().getRawQuery() != null) {
            path += "?" + exchange.getRequestURI().getRawQuery();
        }
        hits.add(new Hit(path, System.nanoTime()));
        counts.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
        userAgents.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
        boolean robots = path.equals("/robots.txt");
        Page page = robots ? (robotsTxt == null ? Page.status(404) : new Page(200, robotsTxt)) : pages.apply(path);
        if (page == null) {
            page = Page.status(404);
        }
        byte[] body = page.body().getBytes(StandardCharsets.UTF_8);
        if (page.status() / 100 == 2 && !robots) {
            bytesServed.addAndGet(body.length);
        }
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(page.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
