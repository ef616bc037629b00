package io.crawlify.model.crawl;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the browser renderer loads pages. {@code blockResources}: Playwright resource types to abort (image, font,
 * media, stylesheet, ...); {@code blockUrlPatterns}: URL globs to abort. {@code session}: {@code isolated} gives
 * each task a fresh context; {@code execution} carries cookies and local storage across an execution's tasks.
 */
public record BrowserOptions(List<String> blockResources, List<String> blockUrlPatterns, Viewport viewport,
        Session session, Boolean javaScript) {

    public static final BrowserOptions DEFAULT = new BrowserOptions(null, null, null, null, null);

    public static final java.util.Set<String> RESOURCE_TYPES = java.util.Set.of("document", "stylesheet", "image",
            "media", "font", "script", "texttrack", "xhr", "fetch", "eventsource", "websocket", "manifest", "other");

    public enum Session {
        @JsonProperty("isolated") ISOLATED,
        @JsonProperty("execution") EXECUTION
    }

    public record Viewport(Integer width, Integer height) {
        public static final Viewport DEFAULT = new Viewport(1280, 800);

        public Viewport {
            width = width == null ? 1280 : width;
            height = height == null ? 800 : height;
        }
    }

    public BrowserOptions {
        blockResources = blockResources == null ? List.of() : List.copyOf(blockResources);
        blockUrlPatterns = blockUrlPatterns == null ? List.of() : List.copyOf(blockUrlPatterns);
        viewport = viewport == null ? Viewport.DEFAULT : viewport;
        session = session == null ? Session.ISOLATED : session;
        javaScript = javaScript == null || javaScript;
    }
}
