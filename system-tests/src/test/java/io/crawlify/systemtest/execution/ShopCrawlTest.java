package io.crawlify.systemtest.execution;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.testsupport.Api;
import io.crawlify.testsupport.Db;
import io.crawlify.systemtest.support.ShopSite;
import io.crawlify.systemtest.support.SystemTest;
import io.crawlify.testsupport.TestSite;
import io.restassured.path.json.JsonPath;

/**
 * The core flow end to end: orchestrator → Pub/Sub emulator → the packaged worker → PostgreSQL/Redis, over a
 * generated shop of 520 products served inside the test.
 */
@SystemTest
class ShopCrawlTest {

    @Test
    void crawlsEveryProductOfTheShopExactlyOnce() {
        ShopSite shop = new ShopSite(520, 5, 20);
        try (TestSite site = shop.serve()) {
            String workflow = Api.createWorkflow(Api.shopWorkflow("shop", site.url("/index.html"), null));
            String execution = Api.execute(workflow);

            JsonPath done = Api.awaitEnd(execution, Duration.ofMinutes(3));

            int pages = shop.pageCount();
            assertThat(pages).isEqualTo(1 + 5 * 6 + 520);
            assertThat(done.getString("status")).isEqualTo("succeeded");
            assertThat(done.getString("workflowId")).isEqualTo(workflow);
            assertThat(done.getInt("workflowVersion")).isEqualTo(1);
            assertThat(done.getString("finishedAt")).isNotNull();
            assertThat(done.getLong("stats.tasksEnqueued")).isEqualTo(pages);
            assertThat(done.getLong("stats.tasksCompleted")).isEqualTo(pages);
            assertThat(done.getLong("stats.tasksFailed")).isZero();
            assertThat(done.getLong("stats.pagesCrawled")).isEqualTo(pages);
            assertThat(done.getLong("stats.itemsExtracted")).isEqualTo(520);
            assertThat(done.getLong("stats.bytesDownloaded")).isEqualTo(site.bytesServed());

            // Every field of every product, keyed by page URL; nothing missing, nothing extra, no duplicates.
            List<JsonNode> items = Api.itemsNdjson(execution);
            assertThat(items).hasSize(520);
            Map<String, JsonNode> byUrl = new HashMap<>();
            for (JsonNode item : items) {
                assertThat(item.get("phase").asText()).isEqualTo("detail");
                assertThat(byUrl.put(item.get("url").asText(), item.get("data"))).as("duplicate item").isNull();
            }
            Map<String, JsonNode> expected = new HashMap<>();
            for (Map.Entry<String, ObjectNode> e : shop.expectedItems().entrySet()) {
                expected.put(site.url(e.getKey()), e.getValue());
            }
            assertThat(byUrl).isEqualTo(expected);

            // Cycles (listings link every category, cards link products twice): each page fetched once.
            assertThat(site.hitLog().stream().filter(h -> !h.path().equals("/robots.txt")).count()).isEqualTo(pages);
            assertThat(site.hits("/cat/1/page/1.html")).isEqualTo(1);
            assertThat(site.hits("/product/1.html")).isEqualTo(1);

            // The rows a user would query.
            assertThat(Db.count("select count(*) from task_runs where execution_id = ?::uuid and status = 'succeeded'",
                    execution)).isEqualTo(pages);
            assertThat(Db.count("select max(depth) from task_runs where execution_id = ?::uuid", execution))
                    .isEqualTo(7); // index 0, listings 1..6, products of the last listing page at 7
            assertThat(Db.count("select count(*) from items where execution_id = ?::uuid", execution)).isEqualTo(520);

            // The same set paged as JSON and as CSV.
            given().when().get("/api/v1/executions/" + execution + "/items?offset=500&limit=100")
                    .then().statusCode(200)
                    .body("total", org.hamcrest.Matchers.equalTo(520))
                    .body("items.size()", org.hamcrest.Matchers.equalTo(20));
            String csv = given().accept("text/csv").when().get("/api/v1/executions/" + execution + "/items")
                    .then().statusCode(200).extract().asString();
            String[] lines = csv.split("\r\n");
            assertThat(lines[0]).isEqualTo("url,phase,attributes,name,price,sku");
            assertThat(lines).hasSize(521);
            assertThat(csv).contains(site.url("/product/2.html") + ",detail,\"{\"\"Color\"\":\"\"blue\"\","
                    + "\"\"Weight\"\":\"\"3 kg\"\",\"\"Material\"\":\"\"Steel & Oak\"\"}\",Product 2 Basic,$14.02,SKU-00002");
        }
    }
}
