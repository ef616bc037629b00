package io.crawlify.orchestrator.trigger;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import io.crawlify.model.trigger.ScheduleTrigger;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The claims that make each firing start one execution across instances: a schedule tick or a Pub/Sub message is
 * claimed by inserting its key (ON CONFLICT DO NOTHING), and only the instance whose insert landed starts the
 * execution. Also keeps messages that cannot be used, like the other consumers do.
 */
@ApplicationScoped
public class TriggerLedger {

    private final Pool pool;
    /** Which instance claimed a tick; shown in {@code trigger_firings.instance}. */
    private final String instance = ManagementFactory.getRuntimeMXBean().getName();

    public TriggerLedger(Pool pool) {
        this.pool = pool;
    }

    public String instance() {
        return instance;
    }

    /**
     * Claims a schedule tick. False when another instance claimed it first, or when the workflow no longer runs
     * this schedule (paused, deleted, or its cron changed through an instance whose change this one has not
     * synced yet): the current definition in PostgreSQL decides, not this instance's copy.
     */
    public Uni<Boolean> claimTick(WorkflowTrigger trigger, ScheduleTrigger schedule, Instant fireTime) {
        return pool.preparedQuery("""
                insert into trigger_firings (workflow_id, trigger_key, fire_time, instance)
                select w.id, $2, $3, $4
                from workflows w
                join workflow_versions v on v.workflow_id = w.id and v.version = w.current_version
                where w.id = $1 and w.deleted_at is null and w.status = 'active'
                  and v.definition->'triggers'->($5::int)->>'type' = 'schedule'
                  and v.definition->'triggers'->($5::int)->>'cron' = $6
                on conflict do nothing
                returning workflow_id""")
                .execute(Tuple.from(List.of(trigger.workflowId(), trigger.key(),
                        fireTime.atOffset(ZoneOffset.UTC), instance, trigger.index(), schedule.cron())))
                .map(rows -> rows.rowCount() == 1);
    }

    /** A claimed schedule tick that has no execution. */
    public record UnstartedTick(UUID workflowId, String triggerKey, Instant fireTime) {
    }

    /** Ticks claimed longer than {@code lease} ago that never got an execution, at most {@code window} old. */
    public Uni<List<UnstartedTick>> unstartedTicks(Duration lease, Duration window) {
        return pool.preparedQuery("""
                select workflow_id, trigger_key, fire_time from trigger_firings
                where execution_id is null
                  and claimed_at < now() - make_interval(secs => $1)
                  and fire_time > now() - make_interval(secs => $2)
                order by fire_time
                limit 100""")
                .execute(Tuple.of(lease.toMillis() / 1000.0, window.toMillis() / 1000.0))
                .map(rows -> {
                    List<UnstartedTick> ticks = new ArrayList<>();
                    rows.forEach(row -> ticks.add(new UnstartedTick(row.getUUID("workflow_id"),
                            row.getString("trigger_key"), row.getOffsetDateTime("fire_time").toInstant())));
                    return ticks;
                });
    }

    /** Claims an unstarted tick for this instance; false when another instance took it over first. */
    public Uni<Boolean> takeOverTick(UnstartedTick tick, Duration lease) {
        return pool.preparedQuery("""
                update trigger_firings set instance = $4, claimed_at = now()
                where workflow_id = $1 and trigger_key = $2 and fire_time = $3 and execution_id is null
                  and claimed_at < now() - make_interval(secs => $5)
                returning workflow_id""")
                .execute(Tuple.of(tick.workflowId(), tick.triggerKey(), tick.fireTime().atOffset(ZoneOffset.UTC),
                        instance, lease.toMillis() / 1000.0))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> recordTickExecution(WorkflowTrigger trigger, Instant fireTime, UUID executionId) {
        return pool.preparedQuery("""
                update trigger_firings set execution_id = $4
                where workflow_id = $1 and trigger_key = $2 and fire_time = $3""")
                .execute(Tuple.of(trigger.workflowId(), trigger.key(), fireTime.atOffset(ZoneOffset.UTC), executionId))
                .replaceWithVoid();
    }

    /** What a delivery of an event-trigger message found in the ledger. */
    public enum Delivery {
        /** This delivery holds the claim: start the execution. */
        CLAIMED,
        /** An earlier delivery started the execution: ack. */
        STARTED,
        /** Another delivery holds a live claim and has not started yet: nack, it comes back later. */
        IN_PROGRESS
    }

    /**
     * Claims a message for its trigger. A claim older than {@code lease} without an execution belongs to an
     * instance that died between claim and start (or a start that could not run): this delivery takes it over.
     */
    public Uni<Delivery> claimDelivery(WorkflowTrigger trigger, String subscription, String messageId,
            Duration lease) {
        return pool.preparedQuery("""
                insert into trigger_deliveries (subscription, message_id, workflow_id, trigger_key)
                values ($1, $2, $3, $4)
                on conflict (subscription, message_id) do update set received_at = now()
                where trigger_deliveries.execution_id is null
                  and trigger_deliveries.received_at < now() - make_interval(secs => $5)
                returning message_id""")
                .execute(Tuple.of(subscription, messageId, trigger.workflowId(), trigger.key(),
                        lease.toMillis() / 1000.0))
                .flatMap(claimed -> claimed.rowCount() == 1
                        ? Uni.createFrom().item(Delivery.CLAIMED)
                        : pool.preparedQuery("""
                                select execution_id from trigger_deliveries
                                where subscription = $1 and message_id = $2""")
                                .execute(Tuple.of(subscription, messageId))
                                .map(rows -> {
                                    var row = rows.iterator();
                                    // Gone between the two statements: released by a failed start; try again later.
                                    return row.hasNext() && row.next().getUUID("execution_id") != null
                                            ? Delivery.STARTED : Delivery.IN_PROGRESS;
                                }));
    }

    public Uni<Void> recordDeliveryExecution(String subscription, String messageId, UUID executionId) {
        return pool.preparedQuery(
                "update trigger_deliveries set execution_id = $3 where subscription = $1 and message_id = $2")
                .execute(Tuple.of(subscription, messageId, executionId))
                .replaceWithVoid();
    }

    /** Gives a claimed message back, so its redelivery can start the execution this attempt could not. */
    public Uni<Void> releaseDelivery(String subscription, String messageId) {
        return pool.preparedQuery("""
                delete from trigger_deliveries
                where subscription = $1 and message_id = $2 and execution_id is null""")
                .execute(Tuple.of(subscription, messageId))
                .replaceWithVoid();
    }
}
