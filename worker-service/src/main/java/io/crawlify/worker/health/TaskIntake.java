package io.crawlify.worker.health;

/** Where tasks come in, as readiness sees it; the messaging adapter implements it. */
public interface TaskIntake {

    boolean running();

    int inFlight();
}
