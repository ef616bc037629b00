package io.crawlify.systemtest.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of both services as they ship: the {@link Deployment} (packaged orchestrator and worker, one pair for the
 * whole run) is up before the class runs, and RestAssured points at the orchestrator.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DeploymentExtension.class)
public @interface SystemTest {
}
