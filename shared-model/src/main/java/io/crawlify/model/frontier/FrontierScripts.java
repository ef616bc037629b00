package io.crawlify.model.frontier;

/**
 * Lua scripts that keep an execution's counters exact under redelivery. Both services run them:
 * the orchestrator admits seeds, workers admit discovered URLs and record completions.
 */
public final class FrontierScripts {

    private FrontierScripts() {
    }

    /**
     * Admits URLs into the frontier. KEYS: seen, stats, cancelled. ARGV: parent task id, max pages, urls...
     * A new URL is admitted (and counted as enqueued) while under max pages. A URL this same parent admitted
     * before is returned again, so a redelivered parent re-publishes children it may have failed to publish;
     * the duplicate children share a task id and have their effect once. Returns the URLs to publish.
     */
    public static final String ADMIT = """
            if redis.call('EXISTS', KEYS[3]) == 1 then return {} end
            local max = tonumber(ARGV[2])
            local enqueued = tonumber(redis.call('HGET', KEYS[2], 'enqueued') or '0')
            local out = {}
            for i = 3, #ARGV do
              local url = ARGV[i]
              local owner = redis.call('HGET', KEYS[1], url)
              if not owner then
                if enqueued < max then
                  redis.call('HSET', KEYS[1], url, ARGV[1])
                  enqueued = enqueued + 1
                  out[#out + 1] = url
                end
              elseif owner == ARGV[1] then
                out[#out + 1] = url
              end
            end
            redis.call('HSET', KEYS[2], 'enqueued', enqueued)
            return out
            """;

    /**
     * Records a task as finished, once. KEYS: done, stats. ARGV: task id, 'ok' | 'failed', pages, items, bytes,
     * renderer that served the page ('http' | 'browser', counted as pages_&lt;renderer&gt;).
     * Returns {1 if this call recorded it else 0, tasks still unfinished}.
     */
    public static final String COMPLETE = """
            local first = redis.call('SADD', KEYS[1], ARGV[1])
            if first == 1 then
              if ARGV[2] == 'ok' then
                redis.call('HINCRBY', KEYS[2], 'completed', 1)
                redis.call('HINCRBY', KEYS[2], 'pages', tonumber(ARGV[3]))
                redis.call('HINCRBY', KEYS[2], 'items', tonumber(ARGV[4]))
                redis.call('HINCRBY', KEYS[2], 'bytes', tonumber(ARGV[5]))
                if ARGV[6] then redis.call('HINCRBY', KEYS[2], 'pages_' .. ARGV[6], tonumber(ARGV[3])) end
              else
                redis.call('HINCRBY', KEYS[2], 'failed', 1)
              end
            end
            local c = redis.call('HMGET', KEYS[2], 'enqueued', 'completed', 'failed')
            local remaining = tonumber(c[1] or '0') - tonumber(c[2] or '0') - tonumber(c[3] or '0')
            return {first, remaining}
            """;

    /**
     * Whether a task should run. KEYS: done, cancelled. ARGV: task id.
     * Returns 0 to run, 1 when already finished (a redelivery), 2 when the execution is cancelled.
     */
    public static final String BEGIN = """
            if redis.call('EXISTS', KEYS[2]) == 1 then return 2 end
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
            return 0
            """;

    /**
     * Reserves the next request slot of a rate-limited domain, cluster-wide (a virtual schedule: each caller
     * takes the next free slot). KEYS: the domain's key. ARGV: interval in microseconds.
     * Returns how many microseconds the caller must wait before its request.
     */
    public static final String RATE_SLOT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
            if slot < now then slot = now end
            redis.call('SET', KEYS[1], slot + interval, 'PX', math.floor((slot + interval - now) / 1000) + 1000)
            return slot - now
            """;

    public static String rateKey(String host) {
        return "crawlify:rate:{" + host + "}";
    }
}
