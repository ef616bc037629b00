package io.crawlify.orchestrator.pubsub;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.api.gax.batching.BatchingSettings;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;

import io.crawlify.model.message.PageTask;
import io.crawlify.model.message.Messages;
import io.crawlify.model.message.StepTask;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.quarkiverse.googlecloudservices.pubsub.QuarkusPubSub;
import io.smallrye.mutiny.Uni;

/** Publishes the tasks the scheduler dispatches (a crawl's seed pages, step attempts) on the tasks topic, batched. */
@ApplicationScoped
public class TaskPublisher {

    private final QuarkusPubSub pubSub;
    private final OrchestratorConfig.PubSub config;
    private volatile Publisher publisher;

    public TaskPublisher(QuarkusPubSub pubSub, OrchestratorConfig config) {
        this.pubSub = pubSub;
        this.config = config.pubsub();
    }

    public Uni<Void> publish(List<PageTask> tasks) {
        if (tasks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Publisher target = publisher();
        List<ApiFuture<String>> sent = new ArrayList<>(tasks.size());
        for (PageTask task : tasks) {
            sent.add(target.publish(PubsubMessage.newBuilder()
                    .setData(ByteString.copyFrom(Messages.encode(task)))
                    .putAttributes("executionId", task.executionId().toString())
                    .putAttributes("taskId", task.taskId())
                    .putAttributes("stepId", task.stepId())
                    .build()));
        }
        return io.crawlify.runtime.pubsub.PubSubFutures.toUni(ApiFutures.allAsList(sent)).replaceWithVoid();
    }

    /** Publishes one step attempt; {@code kind=step} tells workers it is not a page. */
    public Uni<Void> publish(StepTask task) {
        return io.crawlify.runtime.pubsub.PubSubFutures.toUni(publisher().publish(PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(Messages.encode(task)))
                .putAttributes("kind", "step")
                .putAttributes("executionId", task.executionId().toString())
                .putAttributes("taskId", task.taskId())
                .putAttributes("stepId", task.stepId())
                .build())).replaceWithVoid();
    }

    private Publisher publisher() {
        Publisher current = publisher;
        if (current == null) {
            synchronized (this) {
                if (publisher == null) {
                    publisher = create();
                }
                current = publisher;
            }
        }
        return current;
    }

    private Publisher create() {
        try {
            return pubSub.publisher(config.tasksTopic(), b -> b.setBatchingSettings(BatchingSettings.newBuilder()
                    .setElementCountThreshold(config.batchMessages())
                    .setRequestByteThreshold(1_000_000L)
                    .setDelayThresholdDuration(config.batchDelay())
                    .build()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the tasks publisher", e);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        if (publisher != null) {
            publisher.shutdown();
            publisher.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
