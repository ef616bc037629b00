package io.crawlify.systemtest.execution;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.testsupport.Api;
import io.crawlify.testsupport.Db;
import io.crawlify.systemtest.support.ShopSite;
import io.crawlify.systemtest.support.SystemTest;
import io.crawlify.testsupport.TestSite;
import io.restassured.path.json.JsonPath;

/**
 * Two crawl steps in one workflow, the second fed by the first: "listings" walks the shop's category listings and
 * keeps each listing's product links as an item; "products" starts from those links and extracts every product.
 * Each crawl step owns its frontier, so each ends on its own counts and the execution sums both.
 */
@SystemTest
class TwoCrawlStepsTest {

    private static final String WORKFLOW = """
            {"name": "two-crawls", "steps": [
              {"id": "listings", "type": "crawl", "config": {
                "startUrls": ["%1$s"], "maxDepth": 20, "renderer": "http",
                "allowedDomains": ["127.0.0.1"], "rateLimit": {"requestsPerSecond": 0},
                "startPhase": "index",
                "phases": [
                  {"id": "index", "nodes": [{"type": "navigate"},
                     {"type": "extract_links", "selector": "a.cat", "marker": "listing"}],
                   "transitions": {"listing": "listing"}},
                  {"id": "listing", "nodes": [{"type": "navigate"},
                     {"type": "extract_links", "selector": "a.next", "marker": "listing"},
                     {"type": "extract", "fields": {"products": {"selector": "a.product", "attr": "href", "multiple": true}}}],
                   "transitions": {"listing": "listing"}}]}},
              {"id": "products", "type": "crawl", "dependsOn": ["listings"], "config": {
                "startUrls": ["{{ steps.listings.output.items.products }}"], "maxDepth": 1, "renderer": "http",
                "allowedDomains": ["127.0.0.1"], "rateLimit": {"requestsPerSecond": 0},
                "phases": [
                  {"id": "detail", "nodes": [{"type": "navigate"},
                     {"type": "extract", "fields": {
                        "name": {"selector": "h1.name"},
                        "price": {"selector": "span.price"},
                        "sku": {"selector": "span.sku"},
                        "attributes": {"selector": "table.attrs tr", "key": "th", "value": "td"}}}]}]}}]}
            """;

    @Test
    void aCrawlStepFeedsTheStartUrlsOfASecondOne() {
        ShopSite shop = new ShopSite(60, 3, 10);
        try (TestSite site = shop.serve()) {
            String workflow = Api.createWorkflow(WORKFLOW.formatted(site.url("/index.html")));
            String execution = Api.execute(workflow);

            JsonPath done = Api.awaitEnd(execution, Duration.ofMinutes(2));

            int listingPages = 1 + 3 * shop.pagesPerCategory();
            assertThat(listingPages).isEqualTo(7);
            assertThat(done.getString("status")).isEqualTo("succeeded");
            // The execution's counters are the sum of its two crawl steps' own.
            assertThat(done.getLong("stats.tasksEnqueued")).isEqualTo(listingPages + 60);
            assertThat(done.getLong("stats.tasksCompleted")).isEqualTo(listingPages + 60);
            assertThat(done.getLong("stats.tasksFailed")).isZero();
            assertThat(done.getLong("stats.pagesCrawled")).isEqualTo(listingPages + 60);
            assertThat(done.getLong("stats.itemsExtracted")).isEqualTo(6 + 60);

            Map<String, JsonNode> steps = Api.steps(execution);
            JsonNode listings = steps.get("listings");
            assertThat(listings.get("status").asText()).isEqualTo("succeeded");
            assertThat(listings.get("output").get("pages").asLong()).isEqualTo(listingPages);
            assertThat(listings.get("output").get("itemCount").asLong()).isEqualTo(6);
            assertThat(listings.get("output").get("items")).hasSize(6);
            JsonNode products = steps.get("products");
            assertThat(products.get("status").asText()).isEqualTo("succeeded");
            assertThat(products.get("output").get("pages").asLong()).isEqualTo(60);
            assertThat(products.get("output").get("itemCount").asLong()).isEqualTo(60);
            assertThat(products.get("output").get("failedPages").asLong()).isZero();
            // The second crawl started only after the first had ended.
            assertThat(Instant.parse(products.get("startedAt").asText()))
                    .isAfterOrEqualTo(Instant.parse(listings.get("finishedAt").asText()));

            // Every product exactly once, from the second step; each page fetched once over both crawls.
            Map<String, JsonNode> byUrl = new HashMap<>();
            for (JsonNode item : Api.itemsNdjson(execution)) {
                if (item.get("phase").asText().equals("detail")) {
                    assertThat(byUrl.put(item.get("url").asText(), item.get("data"))).as("duplicate item").isNull();
                }
            }
            Map<String, JsonNode> expected = new HashMap<>();
            shop.expectedItems().forEach((path, item) -> expected.put(site.url(path), item));
            assertThat(byUrl).isEqualTo(expected);
            assertThat(site.hits("/product/1.html")).isEqualTo(1);
            assertThat(site.hits("/cat/1/page/1.html")).isEqualTo(1);

            // Items and page tasks are kept per step.
            assertThat(Db.count("select count(*) from items where execution_id = ?::uuid and step_id = 'products'",
                    execution)).isEqualTo(60);
            assertThat(Db.count("select count(*) from task_runs where execution_id = ?::uuid and step_id = 'listings'",
                    execution)).isEqualTo(listingPages);
            given().when().get("/api/v1/executions/" + execution + "/items?step=listings&limit=100")
                    .then().statusCode(200)
                    .body("total", org.hamcrest.Matchers.equalTo(6))
                    .body("items.phase", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("listing")));
        }
    }
}
