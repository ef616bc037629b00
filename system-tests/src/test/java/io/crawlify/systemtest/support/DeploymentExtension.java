package io.crawlify.systemtest.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

/**
 * Starts the {@link Deployment} at the first {@link SystemTest} class and keeps it in the root context's store, which
 * closes it (both processes stopped) when the whole run ends.
 */
public final class DeploymentExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Deployment.class);
    /** What Quarkus gave RestAssured in a @QuarkusTest (quarkus.http.test-timeout): no request hangs a run. */
    private static final int TIMEOUT_MS = 30_000;

    @Override
    public void beforeAll(ExtensionContext context) {
        Deployment deployment = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Deployment.class, type -> Deployment.start(), Deployment.class);
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = deployment.orchestrator().port();
        RestAssured.config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", TIMEOUT_MS)
                .setParam("http.socket.timeout", TIMEOUT_MS)
                .setParam("http.conn-manager.timeout", (long) TIMEOUT_MS));
    }
}
