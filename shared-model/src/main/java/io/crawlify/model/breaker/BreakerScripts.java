package io.crawlify.model.breaker;

/**
 * The circuit breaker's state machine, as Lua scripts so that every transition is atomic across workers. Time is
 * Redis server time ({@code TIME}), never a client clock.
 * <p>
 * Every script takes KEYS = {@link BreakerKeys#scriptKeys()} (state, window, config, history) and starts its ARGV
 * with the service defaults: failureRatio, minimumCalls, windowSize, openDelayMs, halfOpenProbes (a field of the
 * config hash overrides its default), then probeTimeoutMs and idleRetentionMs.
 * <p>
 * Every transition bumps the breaker's {@code epoch}. A permit carries the epoch it was granted in, and an outcome
 * counts towards the state machine only in that epoch: a slow call admitted while closed cannot touch the
 * half-open round that follows, nor a probe of a timed-out round the next one. Lifetime counters count them all.
 * <p>
 * State hash fields: state, epoch, createdAt, lastTransitionAt, openedUntil (ms, 0 unless open), windowCalls,
 * windowFailures, probes (admitted in this half-open round), probeSuccesses, calls, failures, rejections.
 */
public final class BreakerScripts {

    private BreakerScripts() {
    }

    private static final String PRELUDE = """
            local S, W, C, H = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
            local defaults = {failureRatio = ARGV[1], minimumCalls = ARGV[2], windowSize = ARGV[3],
                              openDelayMs = ARGV[4], halfOpenProbes = ARGV[5]}
            local probeTimeout = tonumber(ARGV[6])
            local retention = ARGV[7]
            local function now_ms()
              local t = redis.call('TIME')
              return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            end
            local function cfg(field)
              return tonumber(redis.call('HGET', C, field) or defaults[field])
            end
            local function num(field)
              return tonumber(redis.call('HGET', S, field) or '0')
            end
            local function touch()
              redis.call('PEXPIRE', S, retention)
              redis.call('PEXPIRE', W, retention)
              redis.call('PEXPIRE', H, retention)
            end
            local function transition(to, now, reason)
              local from = redis.call('HGET', S, 'state') or 'CLOSED'
              local untilMs = 0
              if to == 'OPEN' then untilMs = now + cfg('openDelayMs') end
              redis.call('HSET', S, 'state', to, 'lastTransitionAt', now, 'openedUntil', untilMs,
                         'probes', 0, 'probeSuccesses', 0, 'windowCalls', 0, 'windowFailures', 0)
              redis.call('HINCRBY', S, 'epoch', 1)
              redis.call('DEL', W)
              redis.call('LPUSH', H, cjson.encode({from = from, to = to, at = now, reason = reason}))
              redis.call('LTRIM', H, 0, 19)
            end
            """;

    /**
     * Asks to make a call. Returns {decision, epoch, retryAfterMs, created, transitionedTo}: decision is
     * PERMITTED (closed), PROBE (half-open, one of the round's probes) or REJECTED (open, or half-open with every
     * probe in flight); created is 1 when this call created the breaker; transitionedTo is the state this call
     * moved the breaker to, or "".
     */
    public static final String ACQUIRE = PRELUDE + """
            local now = now_ms()
            local created = 0
            if redis.call('EXISTS', S) == 0 then
              created = 1
              redis.call('HSET', S, 'state', 'CLOSED', 'epoch', 0, 'createdAt', now, 'lastTransitionAt', now,
                         'openedUntil', 0, 'windowCalls', 0, 'windowFailures', 0, 'probes', 0, 'probeSuccesses', 0,
                         'calls', 0, 'failures', 0, 'rejections', 0)
            end
            touch()
            local moved = ''
            local state = redis.call('HGET', S, 'state')
            if state == 'OPEN' then
              local untilMs = num('openedUntil')
              if now < untilMs then
                redis.call('HINCRBY', S, 'rejections', 1)
                return {'REJECTED', num('epoch'), untilMs - now, created, moved}
              end
              transition('HALF_OPEN', now, 'open delay elapsed')
              state = 'HALF_OPEN'
              moved = 'HALF_OPEN'
            end
            if state == 'HALF_OPEN' then
              if num('probes') >= cfg('halfOpenProbes') then
                local waited = now - num('lastTransitionAt')
                if waited < probeTimeout then
                  redis.call('HINCRBY', S, 'rejections', 1)
                  local retry = math.max(1, math.min(cfg('openDelayMs'), probeTimeout - waited))
                  return {'REJECTED', num('epoch'), retry, created, moved}
                end
                transition('HALF_OPEN', now, 'probes did not report within ' .. probeTimeout .. ' ms')
                moved = 'HALF_OPEN'
              end
              redis.call('HINCRBY', S, 'probes', 1)
              return {'PROBE', num('epoch'), 0, created, moved}
            end
            return {'PERMITTED', num('epoch'), 0, created, moved}
            """;

    /**
     * Records the outcome of a permitted call. Extra ARGV: the permit's epoch, the outcome ('success', 'failure',
     * or 'release' for a call abandoned before it had an outcome, which frees its probe slot).
     * Returns {state after the call, transitionedTo or ""}.
     */
    public static final String RECORD = PRELUDE + """
            if redis.call('EXISTS', S) == 0 then return {'', ''} end
            local now = now_ms()
            local outcome = ARGV[9]
            if outcome ~= 'release' then
              redis.call('HINCRBY', S, 'calls', 1)
              if outcome == 'failure' then redis.call('HINCRBY', S, 'failures', 1) end
            end
            touch()
            local state = redis.call('HGET', S, 'state')
            if redis.call('HGET', S, 'epoch') ~= ARGV[8] or outcome == 'release' and state ~= 'HALF_OPEN' then
              return {state, ''}
            end
            if state == 'CLOSED' then
              local failed = 0
              if outcome == 'failure' then failed = 1 end
              redis.call('LPUSH', W, failed)
              local calls = redis.call('HINCRBY', S, 'windowCalls', 1)
              local failures = redis.call('HINCRBY', S, 'windowFailures', failed)
              local size = cfg('windowSize')
              while calls > size do
                local oldest = redis.call('RPOP', W)
                if not oldest then break end
                calls = redis.call('HINCRBY', S, 'windowCalls', -1)
                if oldest == '1' then failures = redis.call('HINCRBY', S, 'windowFailures', -1) end
              end
              if calls >= cfg('minimumCalls') and failures / calls >= cfg('failureRatio') then
                transition('OPEN', now, failures .. ' of the last ' .. calls .. ' calls failed')
                return {'OPEN', 'OPEN'}
              end
              return {state, ''}
            end
            if state == 'HALF_OPEN' then
              if outcome == 'release' then
                if num('probes') > 0 then redis.call('HINCRBY', S, 'probes', -1) end
                return {state, ''}
              end
              if outcome == 'failure' then
                transition('OPEN', now, 'a half-open probe failed')
                return {'OPEN', 'OPEN'}
              end
              local succeeded = redis.call('HINCRBY', S, 'probeSuccesses', 1)
              if succeeded >= cfg('halfOpenProbes') then
                transition('CLOSED', now, succeeded .. ' half-open probe(s) succeeded')
                return {'CLOSED', 'CLOSED'}
              end
            end
            return {state, ''}
            """;

    /**
     * Reads a breaker, first moving an open breaker whose delay has passed to half-open (so readers see the state
     * the next call would find). Returns {} for an unknown breaker, else {now, state hash as a flat list, history}.
     */
    public static final String SNAPSHOT = PRELUDE + """
            if redis.call('EXISTS', S) == 0 then return {} end
            local now = now_ms()
            if redis.call('HGET', S, 'state') == 'OPEN' and now >= num('openedUntil') then
              transition('HALF_OPEN', now, 'open delay elapsed')
            end
            return {now, redis.call('HGETALL', S), redis.call('LRANGE', H, 0, -1)}
            """;

    /** Closes the breaker and clears its window. Extra ARGV: the reason. Returns 0 for an unknown breaker, else 1. */
    public static final String RESET = PRELUDE + """
            if redis.call('EXISTS', S) == 0 then return 0 end
            transition('CLOSED', now_ms(), ARGV[8])
            touch()
            return 1
            """;
}
