package io.crawlify.model.frontier;

/**
 * Lua scripts that keep a crawl step's counters (and its execution's sums) exact under redelivery. Both services
 * run them: the orchestrator admits seeds, workers admit discovered URLs and record completions.
 */
public final class FrontierScripts {

    private FrontierScripts() {
    }

    /**
     * Admits URLs into a step's frontier. KEYS: seen, step stats, cancelled, execution stats. ARGV: parent task id,
     * max pages (of the step), urls...
     * A new URL is admitted (and counted as enqueued) while under max pages. A URL this same parent admitted
     * before is returned again, so a redelivered parent re-publishes children it may have failed to publish;
     * the duplicate children share a task id and have their effect once. Returns the URLs to publish.
     */
    public static final String ADMIT = """
            if redis.call('EXISTS', KEYS[3]) == 1 then return {} end
            local max = tonumber(ARGV[2])
            local enqueued = tonumber(redis.call('HGET', KEYS[2], 'enqueued') or '0')
            local out = {}
            local added = 0
            for i = 3, #ARGV do
              local url = ARGV[i]
              local owner = redis.call('HGET', KEYS[1], url)
              if not owner then
                if enqueued < max then
                  redis.call('HSET', KEYS[1], url, ARGV[1])
                  enqueued = enqueued + 1
                  added = added + 1
                  out[#out + 1] = url
                end
              elseif owner == ARGV[1] then
                out[#out + 1] = url
              end
            end
            redis.call('HSET', KEYS[2], 'enqueued', enqueued)
            if added > 0 then redis.call('HINCRBY', KEYS[4], 'enqueued', added) end
            return out
            """;

    /**
     * Records a task as finished, once, in the step's counters and the execution's. KEYS: done, step stats,
     * execution stats. ARGV: task id, 'ok' | 'failed', pages, items, bytes,
     * renderer that served the page ('http' | 'browser', counted as pages_&lt;renderer&gt;).
     * Returns {1 if this call recorded it else 0, tasks of the step still unfinished}.
     */
    public static final String COMPLETE = """
            local first = redis.call('SADD', KEYS[1], ARGV[1])
            if first == 1 then
              for k = 2, 3 do
                if ARGV[2] == 'ok' then
                  redis.call('HINCRBY', KEYS[k], 'completed', 1)
                  redis.call('HINCRBY', KEYS[k], 'pages', tonumber(ARGV[3]))
                  redis.call('HINCRBY', KEYS[k], 'items', tonumber(ARGV[4]))
                  redis.call('HINCRBY', KEYS[k], 'bytes', tonumber(ARGV[5]))
                  if ARGV[6] then redis.call('HINCRBY', KEYS[k], 'pages_' .. ARGV[6], tonumber(ARGV[3])) end
                else
                  redis.call('HINCRBY', KEYS[k], 'failed', 1)
                end
              end
            end
            local c = redis.call('HMGET', KEYS[2], 'enqueued', 'completed', 'failed')
            local remaining = tonumber(c[1] or '0') - tonumber(c[2] or '0') - tonumber(c[3] or '0')
            return {first, remaining}
            """;

    /**
     * Whether a page task should run. KEYS: its step's done, the execution's cancelled. ARGV: task id.
     * Returns 0 to run, 1 when already finished (a redelivery), 2 when the execution is cancelled.
     */
    public static final String BEGIN = """
            if redis.call('EXISTS', KEYS[2]) == 1 then return 2 end
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
            return 0
            """;
}
