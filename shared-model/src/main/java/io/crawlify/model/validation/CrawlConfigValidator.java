package io.crawlify.model.validation;

import io.crawlify.model.error.Path;
import io.crawlify.model.error.ValidationError;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

import io.crawlify.model.crawl.BrowserOptions;
import io.crawlify.model.crawl.ClickNode;
import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.crawl.ExtractLinksNode;
import io.crawlify.model.crawl.ExtractNode;
import io.crawlify.model.crawl.FieldSpec;
import io.crawlify.model.crawl.NavigateNode;
import io.crawlify.model.crawl.NodeSpec;
import io.crawlify.model.crawl.Phase;
import io.crawlify.model.crawl.RepeatNode;
import io.crawlify.model.crawl.ScreenshotNode;
import io.crawlify.model.crawl.ScriptNode;
import io.crawlify.model.crawl.ScrollNode;
import io.crawlify.model.crawl.TypeNode;
import io.crawlify.model.crawl.WaitNode;
import io.crawlify.model.expression.Templates;
import io.crawlify.model.url.UrlNormalizer;

/** Semantic checks of a crawl step's config: URLs, selectors, phases and the transitions between them. */
final class CrawlConfigValidator {

    private static final Pattern MARKER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private CrawlConfigValidator() {
    }

    static void validate(CrawlConfig config, Path at, List<ValidationError> errors) {
        if (config.startUrls().isEmpty()) {
            errors.add(error(at.field("startUrls"), "at least one start URL is required"));
        }
        for (int i = 0; i < config.startUrls().size(); i++) {
            String url = config.startUrls().get(i);
            if (Templates.isTemplated(url)) {
                // Rendered when the step starts (StepWiringValidator checks the template). Which hosts the crawl
                // may follow cannot come from a template's hosts, so it must say so itself.
                if (config.allowedDomains().isEmpty()) {
                    errors.add(error(at.field("allowedDomains"),
                            "is required when a start URL is a template (the hosts links may lead to)"));
                }
                continue;
            }
            if (url == null || !url.strip().matches("(?i)https?://.+") || UrlNormalizer.normalize(url).isEmpty()) {
                errors.add(error(at.field("startUrls").index(i), "not an absolute http(s) URL: '" + url + "'"));
            }
        }
        if (config.maxDepth() < 0) {
            errors.add(error(at.field("maxDepth"), "must be >= 0"));
        }
        if (config.maxPages() < 1) {
            errors.add(error(at.field("maxPages"), "must be >= 1"));
        }
        checkBrowser(config.browser(), at.field("browser"), errors);
        if (config.rateLimit().requestsPerSecond() < 0) {
            errors.add(error(at.field("rateLimit").field("requestsPerSecond"), "must be >= 0"));
        }
        if (config.requestTimeoutMs() < 1) {
            errors.add(error(at.field("requestTimeoutMs"), "must be >= 1"));
        }
        checkPatterns(config.includePatterns(), at.field("includePatterns"), errors);
        checkPatterns(config.excludePatterns(), at.field("excludePatterns"), errors);
        checkPhases(config, at, errors);
    }

    private static void checkPhases(CrawlConfig config, Path at, List<ValidationError> errors) {
        if (config.phases().isEmpty()) {
            errors.add(error(at.field("phases"), "at least one phase is required"));
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int p = 0; p < config.phases().size(); p++) {
            Phase phase = config.phases().get(p);
            if (phase.id() == null || phase.id().isBlank()) {
                errors.add(error(at.field("phases").index(p).field("id"), "is required"));
            } else if (!ids.add(phase.id())) {
                errors.add(error(at.field("phases").index(p).field("id"), "duplicate phase id '" + phase.id() + "'"));
            }
        }
        if (!ids.contains(config.startPhase())) {
            errors.add(error(at.field("startPhase"), "phase '" + config.startPhase() + "' does not exist"));
        }
        for (int p = 0; p < config.phases().size(); p++) {
            Phase phase = config.phases().get(p);
            Path phaseAt = at.field("phases").index(p);
            for (Map.Entry<String, String> t : phase.transitions().entrySet()) {
                if (!ids.contains(t.getValue())) {
                    errors.add(error(phaseAt.field("transitions").field(t.getKey()),
                            "phase '" + t.getValue() + "' does not exist"));
                }
            }
            if (phase.nodes().isEmpty()) {
                errors.add(error(phaseAt.field("nodes"), "a phase needs at least one node"));
            }
            checkNodes(phase.nodes(), config.renderer(), phaseAt.field("nodes"), errors);
            if (phase.requiredSelectors() != null) {
                for (int i = 0; i < phase.requiredSelectors().size(); i++) {
                    checkSelector(phase.requiredSelectors().get(i), phaseAt.field("requiredSelectors").index(i), true,
                            errors);
                }
            }
        }
    }

    private static void checkNodes(List<NodeSpec> nodes, CrawlConfig.Renderer renderer, Path at,
            List<ValidationError> errors) {
        for (int n = 0; n < nodes.size(); n++) {
            NodeSpec node = nodes.get(n);
            Path nodeAt = at.index(n);
            if (node == null) {
                errors.add(error(nodeAt, "must be a node object"));
                continue;
            }
            if (renderer == CrawlConfig.Renderer.HTTP && node.browserOnly()) {
                errors.add(error(node instanceof NavigateNode ? nodeAt.field("url") : nodeAt,
                        (node instanceof NavigateNode ? "navigating to another URL" : "node '" + node.typeName() + "'")
                                + " needs renderer 'browser' or 'auto' (this step's renderer is 'http')"));
            }
            checkNode(node, renderer, nodeAt, errors);
        }
    }

    private static void checkNode(NodeSpec node, CrawlConfig.Renderer renderer, Path at,
            List<ValidationError> errors) {
        switch (node) {
            case ExtractLinksNode links -> {
                checkSelector(links.selector(), at.field("selector"), true, errors);
                if (links.marker() == null || !MARKER.matcher(links.marker()).matches()) {
                    errors.add(error(at.field("marker"), "must be 1-64 letters, digits, '_', '.' or '-'"));
                }
                if (links.limit() != null && links.limit() < 1) {
                    errors.add(error(at.field("limit"), "must be >= 1"));
                }
            }
            case ExtractNode extract -> {
                checkSelector(extract.selector(), at.field("selector"), false, errors);
                checkFields(extract.fields(), at.field("fields"), errors);
            }
            case NavigateNode navigate -> {
                if (navigate.waitUntil() != null && !NavigateNode.WAIT_UNTIL.contains(navigate.waitUntil())) {
                    errors.add(error(at.field("waitUntil"), "must be one of " + sorted(NavigateNode.WAIT_UNTIL)));
                }
                checkTimeout(navigate.timeoutMs(), at.field("timeoutMs"), errors);
                if (navigate.url() != null && navigate.url().isBlank()) {
                    errors.add(error(at.field("url"), "must not be blank"));
                }
            }
            case WaitNode wait -> {
                int kinds = (wait.ms() != null ? 1 : 0) + (wait.selector() != null ? 1 : 0)
                        + (wait.networkIdle() ? 1 : 0);
                if (kinds != 1) {
                    errors.add(error(at, "exactly one of 'ms', 'selector' or 'networkIdle' is required"));
                }
                if (wait.ms() != null && (wait.ms() < 0 || wait.ms() > 600_000)) {
                    errors.add(error(at.field("ms"), "must be between 0 and 600000"));
                }
                checkPlaywrightSelector(wait.selector(), at.field("selector"), false, errors);
                if (!WaitNode.STATES.contains(wait.state())) {
                    errors.add(error(at.field("state"), "must be one of " + sorted(WaitNode.STATES)));
                }
                checkTimeout(wait.timeoutMs(), at.field("timeoutMs"), errors);
            }
            case ClickNode click -> {
                checkPlaywrightSelector(click.selector(), at.field("selector"), true, errors);
                checkPlaywrightSelector(click.waitFor(), at.field("waitFor"), false, errors);
                checkTimeout(click.timeoutMs(), at.field("timeoutMs"), errors);
                if (click.repeat() < 1 || click.repeat() > 10_000) {
                    errors.add(error(at.field("repeat"), "must be between 1 and 10000"));
                }
            }
            case TypeNode type -> {
                checkPlaywrightSelector(type.selector(), at.field("selector"), true, errors);
                if (type.text() == null) {
                    errors.add(error(at.field("text"), "is required"));
                }
                if (type.delayMs() < 0 || type.delayMs() > 10_000) {
                    errors.add(error(at.field("delayMs"), "must be between 0 and 10000"));
                }
                checkTimeout(type.timeoutMs(), at.field("timeoutMs"), errors);
            }
            case ScrollNode scroll -> {
                checkPlaywrightSelector(scroll.untilSelector(), at.field("untilSelector"), scroll.untilCount() != null,
                        errors);
                if (scroll.untilCount() != null && scroll.untilCount() < 1) {
                    errors.add(error(at.field("untilCount"), "must be >= 1"));
                }
                if (scroll.maxScrolls() < 1 || scroll.maxScrolls() > 10_000) {
                    errors.add(error(at.field("maxScrolls"), "must be between 1 and 10000"));
                }
                if (scroll.waitMs() < 0 || scroll.waitMs() > 60_000) {
                    errors.add(error(at.field("waitMs"), "must be between 0 and 60000"));
                }
            }
            case ScreenshotNode screenshot -> {
                checkPlaywrightSelector(screenshot.selector(), at.field("selector"), false, errors);
                if (screenshot.field().isBlank()) {
                    errors.add(error(at.field("field"), "must not be blank"));
                }
            }
            case ScriptNode script -> {
                if (script.expression() == null || script.expression().isBlank()) {
                    errors.add(error(at.field("expression"), "is required"));
                }
                if (script.as() == ScriptNode.As.LINKS
                        && (script.marker() == null || !MARKER.matcher(script.marker()).matches())) {
                    errors.add(error(at.field("marker"), "links need a marker of 1-64 letters, digits, '_', '.' or '-'"));
                }
            }
            case RepeatNode repeat -> {
                if (repeat.maxIterations() < 1 || repeat.maxIterations() > 10_000) {
                    errors.add(error(at.field("maxIterations"), "must be between 1 and 10000"));
                }
                if (repeat.nodes().isEmpty()) {
                    errors.add(error(at.field("nodes"), "a repeat needs at least one node"));
                }
                checkNodes(repeat.nodes(), renderer, at.field("nodes"), errors);
            }
        }
    }

    private static void checkBrowser(BrowserOptions browser, Path at, List<ValidationError> errors) {
        for (int i = 0; i < browser.blockResources().size(); i++) {
            if (!BrowserOptions.RESOURCE_TYPES.contains(browser.blockResources().get(i))) {
                errors.add(error(at.field("blockResources").index(i),
                        "must be one of " + sorted(BrowserOptions.RESOURCE_TYPES)));
            }
        }
        for (int i = 0; i < browser.blockUrlPatterns().size(); i++) {
            String pattern = browser.blockUrlPatterns().get(i);
            if (pattern == null || pattern.isBlank()) {
                errors.add(error(at.field("blockUrlPatterns").index(i), "must not be blank"));
            }
        }
        var viewport = browser.viewport();
        if (viewport.width() < 100 || viewport.width() > 10_000) {
            errors.add(error(at.field("viewport").field("width"), "must be between 100 and 10000"));
        }
        if (viewport.height() < 100 || viewport.height() > 10_000) {
            errors.add(error(at.field("viewport").field("height"), "must be between 100 and 10000"));
        }
    }

    private static void checkTimeout(Long timeoutMs, Path at, List<ValidationError> errors) {
        if (timeoutMs != null && (timeoutMs < 1 || timeoutMs > 600_000)) {
            errors.add(error(at, "must be between 1 and 600000"));
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static void checkFields(Map<String, FieldSpec> fields, Path at, List<ValidationError> errors) {
        if (fields.isEmpty()) {
            errors.add(error(at, "at least one field is required"));
        }
        for (Map.Entry<String, FieldSpec> entry : fields.entrySet()) {
            Path fieldAt = at.field(entry.getKey());
            FieldSpec field = entry.getValue();
            if (field == null) {
                errors.add(error(fieldAt, "must be an object with a selector"));
                continue;
            }
            checkSelector(field.selector(), fieldAt.field("selector"), field.fields() == null, errors);
            if ((field.key() == null) != (field.value() == null)) {
                errors.add(error(fieldAt.field(field.key() == null ? "key" : "value"),
                        "'key' and 'value' go together"));
            }
            checkSelector(field.key(), fieldAt.field("key"), false, errors);
            checkSelector(field.value(), fieldAt.field("value"), false, errors);
            if (field.fields() != null) {
                checkFields(field.fields(), fieldAt.field("fields"), errors);
            }
        }
    }

    /**
     * Selectors of interaction nodes go to Playwright, whose syntax is wider than CSS (text=, :has-text(), >>):
     * only their presence is checked here; a bad one fails the task with Playwright's message.
     */
    private static void checkPlaywrightSelector(String selector, Path at, boolean required,
            List<ValidationError> errors) {
        if (selector != null && selector.isBlank() || selector == null && required) {
            errors.add(error(at, "is required"));
        }
    }

    private static void checkSelector(String selector, Path at, boolean required, List<ValidationError> errors) {
        if (selector == null || selector.isBlank()) {
            if (required) {
                errors.add(error(at, "is required"));
            }
            return;
        }
        try {
            QueryParser.parse(selector);
        } catch (Selector.SelectorParseException | IllegalArgumentException e) {
            errors.add(error(at, "invalid CSS selector '" + selector + "': " + e.getMessage()));
        }
    }

    private static void checkPatterns(List<String> patterns, Path at, List<ValidationError> errors) {
        for (int i = 0; i < patterns.size(); i++) {
            try {
                Pattern.compile(patterns.get(i));
            } catch (PatternSyntaxException | NullPointerException e) {
                errors.add(error(at.index(i), "invalid regular expression"));
            }
        }
    }

    private static ValidationError error(Path path, String message) {
        return new ValidationError(path.toString(), message);
    }
}
