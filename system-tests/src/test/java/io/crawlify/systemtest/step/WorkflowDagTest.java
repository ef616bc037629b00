package io.crawlify.systemtest.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.testsupport.Api;
import io.crawlify.systemtest.support.ShopSite;
import io.crawlify.systemtest.support.SystemTest;
import io.crawlify.testsupport.TestSite;
import io.crawlify.testsupport.TestSite.Page;
import io.restassured.path.json.JsonPath;

/**
 * One DAG with everything: a crawl running in parallel with an API branch (rates → condition → convert, the other
 * branch skipped) and a fan-out (for_each over stock lookups); their results meet in a transform that feeds the
 * final http_request.
 */
@SystemTest
class WorkflowDagTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PRODUCTS = 6;

    @Test
    void parallelBranchesConditionFanOutAndACrawlFeedATransformFeedingARequest() throws Exception {
        ShopSite shop = new ShopSite(PRODUCTS, 1, 10);
        List<TestSite.Request> reports = new CopyOnWriteArrayList<>();
        try (TestSite site = shop.serve(); TestSite api = TestSite.handling(request -> {
            String path = request.pathOnly();
            if (path.equals("/rates")) {
                return Page.json(200, "{\"currency\": \"EUR\", \"rate\": 0.5}");
            }
            if (path.startsWith("/stock/")) {
                String sku = path.substring("/stock/".length());
                return Page.json(200, "{\"sku\": \"" + sku + "\", \"stock\": " + sku.length() * 10 + "}");
            }
            if (path.equals("/report") && request.method().equals("POST")) {
                reports.add(request);
                return Page.json(202, "{\"accepted\": true}");
            }
            return Page.status(404);
        })) {
            String crawl = Api.shopWorkflow("unused", site.url("/index.html"), null);
            String crawlStep = crawl.substring(crawl.indexOf("{\"id\": \"crawl\""), crawl.lastIndexOf(']'));
            String definition = """
                    {"name": "dag", "steps": [
                      %s,
                      {"id": "rates", "type": "http_request", "config": {"url": "%s"}},
                      {"id": "check", "type": "condition", "dependsOn": ["rates"], "config": {
                         "expression": "steps.rates.output.body.currency = 'EUR'", "then": ["convert"], "else": ["keep"]}},
                      {"id": "convert", "type": "transform", "dependsOn": ["check", "rates"],
                       "config": {"expression": "steps.rates.output.body.rate"}},
                      {"id": "keep", "type": "transform", "dependsOn": ["check"], "config": {"expression": "1"}},
                      {"id": "stock", "type": "for_each", "config": {"items": "input.skus", "concurrency": 2,
                         "step": {"type": "http_request", "config": {"url": "%s/stock/{{ item }}"}}}},
                      {"id": "summary", "type": "transform", "dependsOn": ["crawl", "convert", "stock"], "config": {
                         "expression": "{'products': steps.crawl.output.itemCount, 'names': $sort(steps.crawl.output.items.name), 'totalEur': $round($sum(steps.crawl.output.items.$number($substringAfter(price, '$'))) * steps.convert.output, 2), 'stock': steps.stock.output.body.stock}"}},
                      {"id": "report", "type": "http_request", "dependsOn": ["summary"], "config": {
                         "method": "POST", "url": "%s", "body": {"summary": "{{ steps.summary.output }}", "execution": "{{ execution.id }}"}}}
                    ]}
                    """.formatted(crawlStep, api.url("/rates"), api.url(""), api.url("/report"));

            JsonPath done = Api.run(definition, "{\"skus\": [\"A\", \"BB\", \"CCC\"]}", Duration.ofSeconds(60));

            assertThat(done.getString("status")).isEqualTo("succeeded");
            Map<String, JsonNode> steps = Api.steps(done.getString("id"));
            Map<String, String> status = new java.util.LinkedHashMap<>();
            steps.forEach((id, step) -> status.put(id, step.get("status").asText()));
            assertThat(status).containsExactly(Map.entry("crawl", "succeeded"), Map.entry("rates", "succeeded"),
                    Map.entry("check", "succeeded"), Map.entry("convert", "succeeded"), Map.entry("keep", "skipped"),
                    Map.entry("stock", "succeeded"), Map.entry("summary", "succeeded"),
                    Map.entry("report", "succeeded"));
            assertThat(steps.get("keep").get("error").asText()).isEqualTo("condition check took the other branch");
            steps.values().stream().filter(s -> !s.get("status").asText().equals("skipped"))
                    .forEach(s -> assertThat(s.get("attempts").asInt()).as(s.get("stepId").asText()).isEqualTo(1));

            // The API branch and the fan-out ran while the crawl was still going.
            Instant crawlEnded = Instant.parse(steps.get("crawl").get("finishedAt").asText());
            assertThat(Instant.parse(steps.get("rates").get("startedAt").asText())).isBefore(crawlEnded);
            assertThat(Instant.parse(steps.get("stock").get("startedAt").asText())).isBefore(crawlEnded);

            BigDecimal total = BigDecimal.ZERO;
            List<String> names = new java.util.ArrayList<>();
            for (int id = 1; id <= PRODUCTS; id++) {
                ObjectNode item = ShopSite.expectedItem(id);
                total = total.add(new BigDecimal(item.get("price").asText().substring(1)));
                names.add(item.get("name").asText());
            }
            java.util.Collections.sort(names);
            ObjectNode expected = JSON.createObjectNode();
            ObjectNode summary = expected.putObject("summary");
            summary.put("products", PRODUCTS);
            names.forEach(summary.putArray("names")::add);
            summary.put("totalEur", total.multiply(new BigDecimal("0.5")).setScale(2, RoundingMode.HALF_EVEN));
            summary.putArray("stock").add(10).add(20).add(30);
            expected.put("execution", done.getString("id"));

            assertThat(reports).hasSize(1);
            JsonNode body = JSON.readTree(reports.get(0).body());
            assertThat(body.get("summary").get("totalEur").decimalValue())
                    .isEqualByComparingTo(summary.get("totalEur").decimalValue());
            ((ObjectNode) body.get("summary")).remove("totalEur");
            summary.remove("totalEur");
            assertThat(body).isEqualTo(expected);
            assertThat(steps.get("report").get("output").get("status").asInt()).isEqualTo(202);
        }
    }

    @Test
    void aCrawlTakesItsStartUrlsFromTheInputAndHandsItsItemsOn() {
        ShopSite shop = new ShopSite(3, 1, 10);
        try (TestSite site = shop.serve()) {
            String crawl = Api.shopWorkflow("unused", "{{ input.start }}", null);
            String crawlStep = crawl.substring(crawl.indexOf("{\"id\": \"crawl\""), crawl.lastIndexOf(']'));
            String definition = """
                    {"name": "templated-crawl", "steps": [%s,
                      {"id": "skus", "type": "transform", "dependsOn": ["crawl"],
                       "config": {"expression": "$sort(steps.crawl.output.items.sku)"}}]}
                    """.formatted(crawlStep);

            JsonPath done = Api.run(definition, "{\"start\": \"" + site.url("/index.html") + "\"}",
                    Duration.ofSeconds(30));

            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(done.getLong("stats.itemsExtracted")).isEqualTo(3);
            JsonNode crawlOutput = Api.steps(done.getString("id")).get("crawl").get("output");
            assertThat(crawlOutput.get("itemCount").asInt()).isEqualTo(3);
            assertThat(crawlOutput.get("itemsUrl").asText()).isEqualTo("/api/v1/executions/" + done.getString("id") + "/items");
            assertThat(Api.steps(done.getString("id")).get("skus").get("output").toString())
                    .isEqualTo("[\"SKU-00001\",\"SKU-00002\",\"SKU-00003\"]");
        }
    }

    @Test
    void aStartUrlTemplateThatCannotBeEvaluatedFailsTheCrawlStep() {
        String crawl = Api.shopWorkflow("unused", "{{ $error('no start URL') }}", null);
        String definition = crawl.replace("\"name\": \"unused\"", "\"name\": \"bad-start\"");

        JsonPath done = Api.run(definition, "{}", Duration.ofSeconds(30));

        assertThat(done.getString("status")).isEqualTo("failed");
        JsonNode step = Api.steps(done.getString("id")).get("crawl");
        assertThat(step.get("errorKind").asText()).isEqualTo("expression");
        assertThat(step.get("error").asText()).startsWith("startUrls: ").contains("no start URL");
    }
}
