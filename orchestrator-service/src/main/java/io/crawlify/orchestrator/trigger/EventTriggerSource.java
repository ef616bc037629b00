package io.crawlify.orchestrator.trigger;

import java.util.List;
import java.util.Set;

import io.smallrye.mutiny.Uni;

/**
 * Where event triggers listen (Pub/Sub topics of the user's): the trigger sync tells it which triggers exist, and it
 * starts an execution per event. Implemented by messaging.
 */
public interface EventTriggerSource {

    /** Listens for exactly the given triggers from now on. */
    Uni<Void> sync(List<WorkflowTrigger> desired);

    /** The subscriptions listened on, for health and tests. */
    Set<String> subscriptions();

    void stopAll();
}
