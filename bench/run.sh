#!/usr/bin/env bash
# Crawl benchmark: Crawlee (CheerioCrawler) baseline vs Crawlify (renderer "http") on a
# generated static shop served by nginx on 127.0.0.1. Called by `make bench`.
#
#   bench/run.sh
#
# Env:
#   BENCH_PRODUCTS=5000       products in the generated shop (1 + 250 listing + 5000 = 5251 pages)
#   BENCH_PORT=18080          nginx port (127.0.0.1 only)
#   BENCH_SKIP_CRAWLEE=1      skip the Crawlee baseline
#   BENCH_SKIP_CRAWLIFY=1     skip the Crawlify runs (e.g. to measure the baseline alone)
#   BENCH_CRAWLIFY_RUNS=2     Crawlify crawls back to back (each a new workflow + execution,
#                             its items exported and checked separately). Run #1 is labelled
#                             "cold": it includes the JVM services' JIT warm-up, provided they
#                             were just started (make bench); the last run is the "warm" one.
#   BENCH_TIMEOUT=600         max seconds to wait for each Crawlify execution
#   CRAWLIFY_URL=http://127.0.0.1:8080   the running orchestrator (make up)
#   CRAWLIFY_WORKER_URL=http://127.0.0.1:8081   its worker (only read: /q/metrics, to flag a
#                             run #1 that is not cold because the worker already crawled)
#   CRAWLEE_MAX_CONCURRENCY=50
#
# Everything it creates lives in bench/.work/ (site, expected.ndjson, nginx prefix,
# items, results.json); Crawlee's packages go to bench/crawlee/node_modules/.
# Exit status: non-zero if a step fails, or if any Crawlify run's items are not all
# correct, or it produced duplicates (Crawlee's correctness is only reported).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=$BENCH_DIR/.work
PORT=${BENCH_PORT:-18080}
PRODUCTS=${BENCH_PRODUCTS:-5000}
CATEGORIES=10
PER_PAGE=20
BASE_URL=http://127.0.0.1:$PORT
CRAWLIFY_URL=${CRAWLIFY_URL:-http://127.0.0.1:8080}
CRAWLIFY_RUNS=${BENCH_CRAWLIFY_RUNS:-2}
[[ $CRAWLIFY_RUNS =~ ^[1-9][0-9]*$ ]] || { echo "bench: ERROR: BENCH_CRAWLIFY_RUNS must be a positive integer" >&2; exit 1; }
NGINX_PREFIX=$WORK/nginx
SITE=$WORK/site

log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: ERROR: %s\n' "$*" >&2; exit 1; }

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------- prerequisites
command -v python3 >/dev/null || die "python3 is required"
if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
    log "installing nginx (apt-get)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
mkdir -p "$WORK"

# Fail early (before the ~15 s Crawlee run) if the orchestrator is not up, and note how many
# tasks the worker has already run (run #1 is only cold on a fresh worker).
if [[ ${BENCH_SKIP_CRAWLIFY:-0} != 1 ]]; then
    crawlify_check=$(python3 "$BENCH_DIR/crawlify_run.py" --check --api "$CRAWLIFY_URL" \
        --worker "${CRAWLIFY_WORKER_URL:-http://127.0.0.1:8081}")
fi

# ---------------------------------------------------------------- site
# Regenerate when missing or when the parameters / the generator changed.
want="products=$PRODUCTS categories=$CATEGORIES per_page=$PER_PAGE port=$PORT gen=$(sha256sum "$BENCH_DIR/gen-shop.py" | cut -c1-16)"
if [[ ! -f $SITE/index.html || ! -f $WORK/expected.ndjson || "$(cat "$WORK/site.params" 2>/dev/null)" != "$want" ]]; then
    rm -f "$WORK/site.params"
    python3 "$BENCH_DIR/gen-shop.py" "$SITE" --products "$PRODUCTS" --categories "$CATEGORIES" \
        --per-page "$PER_PAGE" --port "$PORT" --expected "$WORK/expected.ndjson"
    echo "$want" >"$WORK/site.params"
fi
EXPECTED_PAGES=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pages"])' "$WORK/site.json")

# ---------------------------------------------------------------- nginx
nginx_stop() {
    local pid
    pid=$(cat "$NGINX_PREFIX/nginx.pid" 2>/dev/null) || return 0
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && grep -q nginx "/proc/$pid/cmdline" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$NGINX_PREFIX/nginx.pid"
}

nginx_start() {
    nginx_stop  # a leftover from an interrupted run
    port_open "$PORT" && die "127.0.0.1:$PORT is already in use by something else (set BENCH_PORT)"
    mkdir -p "$NGINX_PREFIX/logs" "$NGINX_PREFIX/tmp"
    # As root, nginx's workers drop to another user: use nobody if it can read the site
    # (the repo may sit under a private home directory), else stay root.
    local user_directive=""
    if [[ $(id -u) -eq 0 ]]; then
        if runuser -u nobody -- test -r "$SITE/index.html" 2>/dev/null; then
            user_directive="user nobody $(id -gn nobody 2>/dev/null || echo nogroup);"
        else
            user_directive="user root;"
        fi
    fi
    sed -e "s#@PREFIX@#$NGINX_PREFIX#g" -e "s#@ROOT@#$SITE#g" -e "s#@PORT@#$PORT#g" \
        -e "s#@USER_DIRECTIVE@#$user_directive#" "$BENCH_DIR/nginx.conf.tmpl" >"$NGINX_PREFIX/nginx.conf"
    "$NGINX" -p "$NGINX_PREFIX" -e "$NGINX_PREFIX/logs/error.log" -c "$NGINX_PREFIX/nginx.conf" \
        || die "nginx failed to start; see $NGINX_PREFIX/logs/error.log"
    for _ in $(seq 50); do port_open "$PORT" && break; sleep 0.1; done
    port_open "$PORT" || die "nginx is not answering on 127.0.0.1:$PORT"
}

trap nginx_stop EXIT
trap 'exit 130' INT TERM   # run the EXIT trap on Ctrl-C too
nginx_start
log "shop: $EXPECTED_PAGES pages, $PRODUCTS products at $BASE_URL (nginx prefix $NGINX_PREFIX)"

# Results of a previous run must not leak into this summary.
rm -f "$WORK"/crawlee-{run.json,compare.json,items.ndjson} "$WORK"/crawlee.out "$WORK"/crawlify-*

# ---------------------------------------------------------------- Crawlee baseline
if [[ ${BENCH_SKIP_CRAWLEE:-0} != 1 ]]; then
    command -v node >/dev/null || die "node is required for the Crawlee baseline (or set BENCH_SKIP_CRAWLEE=1)"
    if [[ ! -d $BENCH_DIR/crawlee/node_modules/crawlee ]]; then
        log "installing crawlee into bench/crawlee/node_modules (npm ci)"
        # --ignore-scripts: crawlee's optional browser packages would try to download
        # browsers in their install scripts; CheerioCrawler needs none.
        (cd "$BENCH_DIR/crawlee" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
    fi
    log "running crawlee (CheerioCrawler, maxConcurrency ${CRAWLEE_MAX_CONCURRENCY:-50})"
    (cd "$BENCH_DIR/crawlee" && node crawl.mjs "$BASE_URL/index.html" "$WORK/crawlee-items.ndjson") \
        >"$WORK/crawlee.out"
    tail -n 1 "$WORK/crawlee.out" >"$WORK/crawlee-run.json"
    python3 "$BENCH_DIR/compare_items.py" --json --label crawlee \
        "$WORK/expected.ndjson" "$WORK/crawlee-items.ndjson" >"$WORK/crawlee-compare.json" \
        || log "WARNING: crawlee's items differ from expected (see above)"
fi

# ---------------------------------------------------------------- Crawlify
# Run N writes crawlify-N-{run,compare}.json and crawlify-N-items.ndjson.
crawlify_ok=1
if [[ ${BENCH_SKIP_CRAWLIFY:-0} != 1 ]]; then
    echo "$crawlify_check" >"$WORK/crawlify-check.json"
    for n in $(seq "$CRAWLIFY_RUNS"); do
        log "running crawlify #$n/$CRAWLIFY_RUNS (renderer http) via $CRAWLIFY_URL"
        # On an API error or timeout crawlify_run.py says why on stderr; the later runs are
        # skipped, the summary still shows the rows so far and the script then fails.
        if ! python3 "$BENCH_DIR/crawlify_run.py" --api "$CRAWLIFY_URL" --base-url "$BASE_URL" \
            --workflow "$BENCH_DIR/workflow-shop.json.tmpl" --items "$WORK/crawlify-$n-items.ndjson" \
            --timeout "${BENCH_TIMEOUT:-600}" >"$WORK/crawlify-$n-run.tmp"; then
            rm -f "$WORK/crawlify-$n-run.tmp"
            crawlify_ok=0
            break
        fi
        mv "$WORK/crawlify-$n-run.tmp" "$WORK/crawlify-$n-run.json"
        status=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["status"])' "$WORK/crawlify-$n-run.json")
        if [[ $status != succeeded ]]; then
            log "crawlify #$n: execution ended with status '$status'"
            crawlify_ok=0
        fi
        python3 "$BENCH_DIR/compare_items.py" --json --label "crawlify #$n" \
            "$WORK/expected.ndjson" "$WORK/crawlify-$n-items.ndjson" >"$WORK/crawlify-$n-compare.json" \
            || crawlify_ok=0
    done
fi

# ---------------------------------------------------------------- summary
python3 "$BENCH_DIR/summarize.py" "$WORK" "$WORK/results.json"

if [[ $crawlify_ok != 1 ]]; then
    die "a crawlify run failed, or its items are not all correct / have duplicates"
fi
