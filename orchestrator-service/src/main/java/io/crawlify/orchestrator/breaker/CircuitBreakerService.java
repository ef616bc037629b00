package io.crawlify.orchestrator.breaker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.crawlify.model.breaker.BreakerConfig;
import io.crawlify.model.breaker.BreakerKeys;
import io.crawlify.model.breaker.BreakerOverride;
import io.crawlify.model.error.ValidationError;
import io.crawlify.orchestrator.api.ApiException;
import io.crawlify.orchestrator.config.OrchestratorConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Circuit breakers as the API sees them: state from Redis, own settings from PostgreSQL (mirrored into Redis for
 * the workers). A breaker is known once a worker called through it or its settings were stored.
 */
@ApplicationScoped
public class CircuitBreakerService {

    /** A page of breakers, ordered by name. */
    public record BreakerPage(List<BreakerView> items, int offset, int limit, long total) {
    }

    private final BreakerStates states;
    private final BreakerConfig defaults;

    public CircuitBreakerService(BreakerStates states, OrchestratorConfig config) {
        this.states = states;
        this.defaults = config.breakers().defaults();
        if (!defaults.problems().isEmpty()) {
            throw new IllegalStateException("invalid crawlify.breakers defaults: " + defaults.problems());
        }
    }

    @WithSession
    public Uni<BreakerPage> list(int offset, int limit) {
        return StoredBreakerConfig.<StoredBreakerConfig>listAll()
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> r.name, StoredBreakerConfig::toOverride)))
                .chain(overrides -> states.names().chain(names -> {
                    TreeSet<String> all = new TreeSet<>(names);
                    all.addAll(overrides.keySet());
                    return views(all, overrides);
                }))
                .map(views -> new BreakerPage(views.stream().skip(offset).limit(limit).toList(), offset, limit,
                        views.size()));
    }

    @WithSession
    public Uni<BreakerView> get(String name) {
        checkName(name);
        return StoredBreakerConfig.<StoredBreakerConfig>findById(name)
                .chain(stored -> states.snapshot(name).map(snapshot -> {
                    if (snapshot.isEmpty() && stored == null) {
                        throw ApiException.notFound("circuit breaker", name);
                    }
                    return view(name, snapshot, stored == null ? null : stored.toOverride(), true);
                }));
    }

    /** Validates → stores → mirrors into Redis (after the commit, so Redis never holds an uncommitted config). */
    public Uni<BreakerView> configure(String name, JsonNode body) {
        checkName(name);
        BreakerOverride override = BreakerConfigRequest.parse(body);
        validate(override);
        return save(name, override)
                .call(() -> states.mirror(name, override))
                .chain(() -> states.snapshot(name))
                .map(snapshot -> view(name, snapshot, override, true));
    }

    public Uni<BreakerView> reset(String name) {
        checkName(name);
        return Panache.withSession(() -> StoredBreakerConfig.<StoredBreakerConfig>findById(name))
                .chain(stored -> states.reset(name).chain(found -> {
                    if (!found && stored == null) {
                        return Uni.createFrom().failure(ApiException.notFound("circuit breaker", name));
                    }
                    Log.infof("circuit breaker %s reset through the API", name);
                    return states.snapshot(name)
                            .map(snapshot -> view(name, snapshot, stored == null ? null : stored.toOverride(), true));
                }));
    }

    /**
     * Copies every stored setting into Redis: run at start, since Redis may have lost them (a restart without
     * persistence). Mirrors of names PostgreSQL does not have are left alone: nothing deletes a stored setting,
     * and test runs with their own databases share one Redis.
     */
    public Uni<Integer> reseed() {
        return Panache.withSession(() -> StoredBreakerConfig.<StoredBreakerConfig>listAll())
                .call(rows -> each(rows, row -> states.mirror(row.name, row.toOverride())))
                .map(List::size);
    }

    private Uni<StoredBreakerConfig> save(String name, BreakerOverride override) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> StoredBreakerConfig.<StoredBreakerConfig>findById(name)
                .chain(existing -> {
                    if (existing != null) {
                        existing.apply(override, now);
                        return Uni.createFrom().item(existing);
                    }
                    StoredBreakerConfig row = new StoredBreakerConfig();
                    row.name = name;
                    row.createdAt = now;
                    row.apply(override, now);
                    return row.<StoredBreakerConfig>persist();
                }))
                .onFailure(CircuitBreakerService::isUniqueViolation).transform(e -> ApiException.conflict(
                        "circuit breaker " + name + " was configured concurrently; retry"));
    }

    private Uni<List<BreakerView>> views(TreeSet<String> names, Map<String, BreakerOverride> overrides) {
        List<Uni<Optional<BreakerView>>> reads = new ArrayList<>();
        for (String name : names) {
            if (!BreakerKeys.isValidName(name)) {
                continue;
            }
            BreakerOverride override = overrides.get(name);
            reads.add(states.snapshot(name).chain(snapshot -> {
                if (snapshot.isEmpty() && override == null) {
                    // Expired after its idle retention: no longer known.
                    return states.forget(name).replaceWith(Optional.<BreakerView>empty());
                }
                return Uni.createFrom().item(Optional.of(view(name, snapshot, override, false)));
            }));
        }
        if (reads.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(reads).usingConcurrencyOf(16).andFailFast()
                .map(views -> views.stream().flatMap(Optional::stream).toList());
    }

    private static <T> Uni<Void> each(List<T> items, Function<T, Uni<Void>> action) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(items.stream().map(action).toList()).usingConcurrencyOf(16).andFailFast()
                .replaceWithVoid();
    }

    private BreakerView view(String name, Optional<BreakerSnapshot> snapshot, BreakerOverride override,
            boolean withTransitions) {
        BreakerConfig config = override == null ? defaults : override.over(defaults);
        return snapshot.orElse(BreakerSnapshot.NEVER_CALLED).view(name, config, override, withTransitions);
    }

    private void validate(BreakerOverride override) {
        List<ValidationError> problems = override.over(defaults).problems();
        if (problems.isEmpty()) {
            return;
        }
        ValidationError first = problems.get(0);
        if (first.path().equals("windowSize") && override.windowSize() == null) {
            // The window is the default one: the setting at fault is the minimum the caller raised above it.
            throw ApiException.badRequest("minimumCalls", "minimumCalls must be <= windowSize ("
                    + defaults.windowSize() + ", the default)");
        }
        throw ApiException.badRequest(first.path(), first.path() + " " + first.message());
    }

    private static void checkName(String name) {
        if (!BreakerKeys.isValidName(name)) {
            throw ApiException.badRequest("name", "a circuit breaker name is 1-128 letters, digits, '.', '_', ':' or '-'");
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("23505")) {
                return true;
            }
        }
        return false;
    }
}
