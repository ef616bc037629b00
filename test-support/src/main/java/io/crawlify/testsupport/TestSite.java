package io.crawlify.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
 * A web site served inside the test on a random loopback port. Pages come from a function of the path (or, with
 * {@link #handling}, of the whole request); the site records every hit (path and time) and the bytes it served,
 * so tests can assert what the crawler fetched.
 */
public final class TestSite implements AutoCloseable {

    private static final String HTML = "text/html; charset=utf-8";

    /** A response: status, body, its content type and extra headers (e.g. Location, Set-Cookie). */
    public record Page(int status, String body, String contentType, Map<String, String> headers) {

        public Page {
            contentType = contentType == null ? HTML : contentType;
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public Page(int status, String body) {
            this(status, body, HTML, Map.of());
        }

        public static Page html(String body) {
            return new Page(200, body);
        }

        public static Page status(int status) {
            return new Page(status, "<html><body>status " + status + "</body></html>");
        }

        public static Page json(int status, String json) {
            return new Page(status, json, "application/json", Map.of());
        }

        /** A redirect ({@code status} 301/302/303/307/308) to {@code location}. */
        public static Page redirect(int status, String location) {
            return new Page(status, "", HTML, Map.of("Location", location));
        }

        public Page withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Page(status, body, contentType, all);
        }
    }

    /** A request as a {@link #handling} site sees it. {@code path} includes the query string. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {

        /** The path without the query string. */
        public String pathOnly() {
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }

        /** A query parameter (decoded), or null. */
        public String query(String name) {
            int query = path.indexOf('?');
            return query < 0 ? null : params(path.substring(query + 1)).get(name);
        }

        /** A field of an {@code application/x-www-form-urlencoded} body (decoded), or null. */
        public String form(String name) {
            return body == null ? null : params(body).get(name);
        }

        /** The value of cookie {@code name} sent with the request, or null. */
        public String cookie(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (!header.getKey().equalsIgnoreCase("Cookie")) {
                    continue;
                }
                for (String line : header.getValue()) {
                    for (String pair : line.split(";")) {
                        int eq = pair.indexOf('=');
                        if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                            return pair.substring(eq + 1).trim();
                        }
                    }
                }
            }
            return null;
        }

        private static Map<String, String> params(String encoded) {
            Map<String, String> params = new LinkedHashMap<>();
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
            return params;
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
        this(robotsTxt, request -> pages.apply(request.path()));
    }

    /** A site whose responses depend on the whole request: method, headers (cookies), body. */
    public static TestSite handling(Function<Request, Page> handler) {
        return new TestSite(null, handler);
    }

    private TestSite(String robotsTxt, Function<Request, Page> handler) {
        this.robotsTxt = robotsTxt;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> serve(exchange, handler));
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

    private void serve(HttpExchange exchange, Function<Request, Page> handler) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (exchange.getRequestURI().getRawQuery() != null) {
            path += "?" + exchange.getRequestURI().getRawQuery();
        }
        hits.add(new Hit(path, System.nanoTime()));
        counts.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
        userAgents.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
        boolean robots = path.equals("/robots.txt");
        Page page;
        if (robots) {
            page = robotsTxt == null ? Page.status(404) : new Page(200, robotsTxt);
        } else {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            page = handler.apply(new Request(exchange.getRequestMethod(), path,
                    Map.copyOf(exchange.getRequestHeaders()), body));
        }
        if (page == null) {
            page = Page.status(404);
        }
        byte[] body = page.body().getBytes(StandardCharsets.UTF_8);
        if (page.status() / 100 == 2 && !robots) {
            bytesServed.addAndGet(body.length);
        }
        exchange.getResponseHeaders().add("Content-Type", page.contentType());
        page.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(page.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
