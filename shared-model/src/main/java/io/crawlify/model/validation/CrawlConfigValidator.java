package io.crawlify.model.validation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.crawl.ExtractLinksNode;
import io.crawlify.model.crawl.ExtractNode;
import io.crawlify.model.crawl.FieldSpec;
import io.crawlify.model.crawl.NodeSpec;
import io.crawlify.model.crawl.Phase;
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
        if (config.renderer() != CrawlConfig.Renderer.HTTP) {
            errors.add(error(at.field("renderer"), "only the 'http' renderer is available in this version"));
        }
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
            for (int n = 0; n < phase.nodes().size(); n++) {
                checkNode(phase.nodes().get(n), phaseAt.field("nodes").index(n), errors);
            }
        }
    }

    private static void checkNode(NodeSpec node, Path at, List<ValidationError> errors) {
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
            default -> {
            }
        }
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
