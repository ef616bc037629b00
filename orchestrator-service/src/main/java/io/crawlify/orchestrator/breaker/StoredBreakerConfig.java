package io.crawlify.orchestrator.breaker;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.crawlify.model.breaker.BreakerOverride;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A breaker's own settings, the durable copy of what Redis mirrors; null columns follow the defaults. */
@Entity
@Table(name = "circuit_breaker_configs")
public class StoredBreakerConfig extends PanacheEntityBase {

    @Id
    @Column(columnDefinition = "text")
    public String name;
    @Column(name = "failure_ratio")
    public Double failureRatio;
    @Column(name = "minimum_calls")
    public Integer minimumCalls;
    @Column(name = "window_size")
    public Integer windowSize;
    @Column(name = "open_delay_ms")
    public Long openDelayMs;
    @Column(name = "half_open_probes")
    public Integer halfOpenProbes;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public BreakerOverride toOverride() {
        return new BreakerOverride(failureRatio, minimumCalls, windowSize, openDelayMs, halfOpenProbes);
    }

    void apply(BreakerOverride override, Instant now) {
        failureRatio = override.failureRatio();
        minimumCalls = override.minimumCalls();
        windowSize = override.windowSize();
        openDelayMs = override.openDelayMs();
        halfOpenProbes = override.halfOpenProbes();
        updatedAt = now;
    }
}
