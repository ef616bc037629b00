package io.crawlify.worker.pubsub;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.core.ApiFuture;
import com.google.api.gax.batching.BatchingSettings;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;

import io.crawlify.model.message.CrawlTask;
import io.crawlify.model.message.Messages;
import io.crawlify.model.message.StepEvent;
import io.crawlify.model.message.StepTask;
import io.crawlify.model.message.TaskEvent;
import io.crawlify.worker.config.WorkerConfig;
import io.quarkiverse.googlecloudservices.pubsub.QuarkusPubSub;
import io.smallrye.mutiny.Uni;

/** Publishes discovered child tasks and task outcome events, batched. */
@ApplicationScoped
public class TaskPublisher {

    private final QuarkusPubSub pubSub;
    private final WorkerConfig config;
    private Publisher tasks;
    private Publisher events;

    public TaskPublisher(QuarkusPubSub pubSub, WorkerConfig config) {
        this.pubSub = pubSub;
        this.config = config;
    }

    @PostConstruct
    void start() throws IOException {
        BatchingSettings batching = BatchingSettings.newBuilder()
                .setElementCountThreshold(config.publish().batchMessages())
                .setRequestByteThreshold(1_000_000L)
                .setDelayThresholdDuration(config.publish().batchDelay())
                .build();
        tasks = pubSub.publisher(config.topics().tasks(), b -> b.setBatchingSettings(batching));
        events = pubSub.publisher(config.topics().events(), b -> b.setBatchingSettings(batching));
    }

    public Uni<Void> publishTasks(List<CrawlTask> children) {
        if (children.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ApiFuture<String>> sent = new ArrayList<>(children.size());
        for (CrawlTask child : children) {
            sent.add(tasks.publish(PubsubMessage.newBuilder()
                    .setData(ByteString.copyFrom(Messages.encode(child)))
                    .putAttributes("executionId", child.executionId().toString())
                    .putAttributes("taskId", child.taskId())
                    .putAttributes("stepId", child.stepId())
                    .build()));
        }
        return PubSubPublishing.all(sent).replaceWithVoid();
    }

    public Uni<Void> publishEvent(TaskEvent event) {
        return PubSubPublishing.toUni(events.publish(PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(Messages.encode(event)))
                .putAttributes("executionId", event.executionId().toString())
                .putAttributes("type", event.type() == TaskEvent.Type.SUCCEEDED ? "task.succeeded" : "task.failed")
                .build())).replaceWithVoid();
    }

    /** A step attempt's outcome; {@code kind=step} routes it to the orchestrator's step scheduler. */
    public Uni<Void> publishStepEvent(StepEvent event) {
        return PubSubPublishing.toUni(events.publish(PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(Messages.encode(event)))
                .putAttributes("kind", StepTask.KIND)
                .putAttributes("executionId", event.executionId().toString())
                .putAttributes("stepId", event.stepId())
                .putAttributes("type", event.type() == StepEvent.Type.SUCCEEDED ? "step.succeeded" : "step.failed")
                .build())).replaceWithVoid();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        for (Publisher publisher : new Publisher[] { tasks, events }) {
            if (publisher != null) {
                publisher.shutdown();
                publisher.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }
}
