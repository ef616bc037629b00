package io.crawlify.systemtest.step;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.crawlify.testsupport.Api;
import io.crawlify.systemtest.support.Deployment;
import io.crawlify.systemtest.support.SystemTest;
import io.crawlify.testsupport.TestSite;
import io.crawlify.testsupport.TestSite.Page;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A run that uses a credential — in a header template, as step auth, echoed back by the target in a body, a header
 * and an error — leaves its value in no API response and no log line of either service.
 */
@SystemTest
class CredentialRedactionTest {

    @Test
    void theCredentialValueAppearsInNoResponseAndNoLogLine() throws Exception {
        String secret = "tok-" + UUID.randomUUID();
        String name = "crm" + UUID.randomUUID().toString().substring(0, 6);
        List<String> authorizations = new CopyOnWriteArrayList<>();
        try (TestSite site = TestSite.handling(request -> {
            String auth = request.headers().getOrDefault("Authorization", List.of("")).get(0);
            authorizations.add(auth);
            String echo = "{\"youSent\": \"" + auth + "\"}";
            return request.pathOnly().equals("/fail") ? Page.json(500, echo)
                    : Page.json(200, echo).withHeader("X-Echo", auth);
        })) {
            given().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"value\": \"" + secret + "\"}")
                    .when().post("/api/v1/credentials").then().statusCode(201);
            String workflowId = Api.createWorkflow("""
                    {"name": "uses-secret", "steps": [
                      {"id": "call", "type": "http_request", "config": {"url": "%s",
                         "headers": {"Authorization": "Bearer {{ credentials.%s }}"}}},
                      {"id": "copy", "type": "transform", "dependsOn": ["call"],
                       "config": {"expression": "{'body': steps.call.output.body, 'header': steps.call.output.headers.`x-echo`}"}},
                      {"id": "fail", "type": "http_request", "dependsOn": ["copy"], "retry": {"strategy": "none"},
                       "config": {"url": "%s", "auth": {"type": "bearer", "credential": "%s"}}}
                    ]}""".formatted(site.url("/echo"), name, site.url("/fail"), name));
            String executionId = Api.execute(workflowId);
            JsonPath done = Api.awaitEnd(executionId, Duration.ofSeconds(30));

            // The credential was really used...
            assertThat(authorizations).containsExactly("Bearer " + secret, "Bearer " + secret);
            assertThat(done.getString("status")).isEqualTo("failed");
            var steps = Api.steps(executionId);
            // ...and what came back carrying it was redacted before it left the worker.
            assertThat(steps.get("call").get("output").get("body").get("youSent").asText()).isEqualTo("Bearer ***");
            assertThat(steps.get("copy").get("output").get("header").asText()).isEqualTo("Bearer ***");
            assertThat(steps.get("fail").get("errorKind").asText()).isEqualTo("http_status");

            List<String> responses = new ArrayList<>();
            for (String path : List.of("/api/v1/executions/" + executionId, "/api/v1/executions/" + executionId + "/steps",
                    "/api/v1/executions/" + executionId + "/tasks", "/api/v1/workflows/" + workflowId,
                    "/api/v1/workflows/" + workflowId + "/executions", "/api/v1/workflows/" + workflowId + "/metrics",
                    "/api/v1/credentials", "/api/v1/credentials/" + name)) {
                responses.add(given().when().get(path).then().statusCode(200).extract().asString());
            }
            assertThat(responses).allSatisfy(body -> assertThat(body).doesNotContain(secret));
            assertThat(responses.get(1)).contains("Bearer ***");

            List<String> logs = new ArrayList<>();
            for (Path log : List.of(Deployment.current().worker().logFile(),
                    Deployment.current().orchestrator().logFile())) {
                assertThat(log).exists();
                logs.addAll(Files.readAllLines(log));
            }
            assertThat(logs).isNotEmpty().noneMatch(line -> line.contains(secret));
        }
    }
}
