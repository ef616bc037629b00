package io.crawlify.model.message;

import java.util.UUID;

/**
 * What every wire message names: the execution, the task (a page or a step attempt) and the step. These travel as
 * Pub/Sub attributes too, for filtering and tracing without decoding the body.
 */
public interface Message {

    UUID executionId();

    String taskId();

    String stepId();
}
