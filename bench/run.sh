#!/usr/bin/env bash
# Crawl benchmark on generated static shops served by nginx on 127.0.0.1. Called by `make bench`.
#   HTTP mode:    Crawlee (CheerioCrawler) baseline vs Crawlify (renderer "http"), BENCH_PRODUCTS shop.
#   Browser mode: Crawlee (PlaywrightCrawler) baseline vs Crawlify (renderer "browser"), both on
#                 Debian's Chromium (/usr/bin/chromium), over a second, smaller shop of
#                 BENCH_BROWSER_PRODUCTS products (same generator, own directory and port), so that
#                 both crawl the exact same complete site.
#
#   bench/run.sh
#
# Env:
#   BENCH_HTTP=1              run the HTTP mode (0: skip it, e.g. to iterate on the browser mode)
#   BENCH_BROWSER=1           run the browser mode (0: skip it)
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
# Browser mode:
#   BENCH_BROWSER_PRODUCTS=1000   products in its shop (1 + 10 * 5 listing + 1000 = 1051 pages)
#   BENCH_BROWSER_PORT=18081      its nginx port (a second nginx instance, 127.0.0.1 only)
#   BENCH_CRAWLIFY_BROWSER_RUNS=1 Crawlify browser-mode crawls back to back (checked separately;
#                                 the ratio of the last one is the headline)
#   BENCH_BROWSER_TIMEOUT=1800    max seconds to wait for each Crawlify browser execution
#   BENCH_BROWSER_BLOCK=          comma-separated Playwright resource types to abort, applied to
#                                 BOTH sides (Crawlee route.abort / Crawlify browser.blockResources);
#                                 default none (the shop's pages have no subresources anyway)
#   CHROMIUM_PATH=/usr/bin/chromium   the Chromium Crawlee launches (Crawlify's worker uses
#                                 CRAWLIFY_WORKER_BROWSER_EXECUTABLE_PATH, same default)
#   CRAWLEE_BROWSER_MAX_CONCURRENCY=4  Crawlee pages open at once (Crawlify's counterpart is the
#                                 worker's CRAWLIFY_WORKER_BROWSER_CONTEXTS); see crawl-browser.mjs
#                                 for its other knobs (CRAWLEE_BROWSER_MIN_CONCURRENCY, ...)
#   CRAWLEE_BROWSER_INCOGNITO=1   1: a fresh browser context per page (Crawlee useIncognitoPages),
#                                 matching Crawlify's browser.session "isolated" in the template;
#                                 0: Crawlee's own default, new pages in one shared context per
#                                 browser (much cheaper in Chromium; not the same isolation)
#   Both sides: headless, switches --disable-background-networking --disable-component-update
#   --disable-sync --no-first-run --disable-quic --no-sandbox --disable-gpu, waitUntil "load",
#   viewport 1280x800, browser restarted after 500 pages, no fingerprint injection.
#
# Everything it creates lives in bench/.work/ (site, expected.ndjson, nginx prefix,
# items, results.json; the browser mode's in bench/.work/browser/); Crawlee's packages go to
# bench/crawlee/node_modules/ (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: no browser is downloaded).
# Exit status: non-zero if a step fails, or if any Crawlify run's items (either mode) are not
# all correct, or it produced duplicates (Crawlee's correctness is only reported).
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
RUN_HTTP=${BENCH_HTTP:-1}
RUN_BROWSER=${BENCH_BROWSER:-1}
B_WORK=$WORK/browser
B_PORT=${BENCH_BROWSER_PORT:-18081}
B_PRODUCTS=${BENCH_BROWSER_PRODUCTS:-1000}
B_BASE_URL=http://127.0.0.1:$B_PORT
B_SITE=$B_WORK/site
B_NGINX_PREFIX=$B_WORK/nginx
B_RUNS=${BENCH_CRAWLIFY_BROWSER_RUNS:-1}
B_BLOCK=${BENCH_BROWSER_BLOCK:-}
[[ $B_RUNS =~ ^[1-9][0-9]*$ ]] || { echo "bench: ERROR: BENCH_CRAWLIFY_BROWSER_RUNS must be a positive integer" >&2; exit 1; }
[[ $B_PRODUCTS =~ ^[1-9][0-9]*$ && $B_PRODUCTS -ge $CATEGORIES ]] || { echo "bench: ERROR: BENCH_BROWSER_PRODUCTS must be an integer >= $CATEGORIES" >&2; exit 1; }
[[ $RUN_BROWSER != 1 || $B_PORT != "$PORT" ]] || { echo "bench: ERROR: BENCH_BROWSER_PORT must differ from BENCH_PORT" >&2; exit 1; }

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
# gen_site DIR PRODUCTS PORT: the site in DIR/site, DIR/expected.ndjson, DIR/site.json.
gen_site() {
    local dir=$1 products=$2 port=$3 want
    want="products=$products categories=$CATEGORIES per_page=$PER_PAGE port=$port gen=$(sha256sum "$BENCH_DIR/gen-shop.py" | cut -c1-16)"
    if [[ ! -f $dir/site/index.html || ! -f $dir/expected.ndjson || "$(cat "$dir/site.params" 2>/dev/null)" != "$want" ]]; then
        mkdir -p "$dir"
        rm -f "$dir/site.params"
        python3 "$BENCH_DIR/gen-shop.py" "$dir/site" --products "$products" --categories "$CATEGORIES" \
            --per-page "$PER_PAGE" --port "$port" --expected "$dir/expected.ndjson"
        echo "$want" >"$dir/site.params"
    fi
}
site_pages() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pages"])' "$1/site.json"; }
if [[ $RUN_HTTP == 1 ]]; then
    gen_site "$WORK" "$PRODUCTS" "$PORT"
    EXPECTED_PAGES=$(site_pages "$WORK")
fi
if [[ $RUN_BROWSER == 1 ]]; then
    gen_site "$B_WORK" "$B_PRODUCTS" "$B_PORT"
    B_EXPECTED_PAGES=$(site_pages "$B_WORK")
fi

# ---------------------------------------------------------------- nginx
# One nginx instance per shop: nginx_start PREFIX ROOT PORT PORT_VAR, nginx_stop PREFIX.
nginx_stop() {
    local prefix=$1 pid
    pid=$(cat "$prefix/nginx.pid" 2>/dev/null) || return 0
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && grep -q nginx "/proc/$pid/cmdline" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$prefix/nginx.pid"
}

nginx_start() {
    local NGINX_PREFIX=$1 SITE=$2 PORT=$3 port_var=$4
    nginx_stop "$NGINX_PREFIX"  # a leftover from an interrupted run
    port_open "$PORT" && die "127.0.0.1:$PORT is already in use by something else (set $port_var)"
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

trap 'nginx_stop "$NGINX_PREFIX"; nginx_stop "$B_NGINX_PREFIX"' EXIT
trap 'exit 130' INT TERM   # run the EXIT trap on Ctrl-C too
if [[ $RUN_HTTP == 1 ]]; then
    nginx_start "$NGINX_PREFIX" "$SITE" "$PORT" BENCH_PORT
    log "shop: $EXPECTED_PAGES pages, $PRODUCTS products at $BASE_URL (nginx prefix $NGINX_PREFIX)"
fi
if [[ $RUN_BROWSER == 1 ]]; then
    nginx_start "$B_NGINX_PREFIX" "$B_SITE" "$B_PORT" BENCH_BROWSER_PORT
    log "browser-mode shop: $B_EXPECTED_PAGES pages, $B_PRODUCTS products at $B_BASE_URL (nginx prefix $B_NGINX_PREFIX)"
fi

# Results of a previous run must not leak into this summary.
rm -f "$WORK"/crawlee-{run.json,compare.json,items.ndjson} "$WORK"/crawlee.out "$WORK"/crawlify-* \
    "$B_WORK"/crawlee-* "$B_WORK"/crawlee.out "$B_WORK"/crawlify-* "$B_WORK"/settings.json

if [[ ${BENCH_SKIP_CRAWLEE:-0} != 1 ]]; then
    command -v node >/dev/null || die "node is required for the Crawlee baseline (or set BENCH_SKIP_CRAWLEE=1)"
    if [[ ! -d $BENCH_DIR/crawlee/node_modules/crawlee || ! -d $BENCH_DIR/crawlee/node_modules/playwright
          || $BENCH_DIR/crawlee/package-lock.json -nt $BENCH_DIR/crawlee/node_modules/.package-lock.json ]]; then
        log "installing crawlee and playwright into bench/crawlee/node_modules (npm ci)"
        # --ignore-scripts and PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: no browser download (none can be
        # fetched here); the PlaywrightCrawler uses Debian's Chromium, CheerioCrawler none.
        (cd "$BENCH_DIR/crawlee" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
            npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
    fi
fi

# ================================================================ HTTP mode
# ---------------------------------------------------------------- Crawlee baseline
if [[ $RUN_HTTP == 1 && ${BENCH_SKIP_CRAWLEE:-0} != 1 ]]; then
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
fi
if [[ $RUN_HTTP == 1 && ${BENCH_SKIP_CRAWLIFY:-0} != 1 ]]; then
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

# ================================================================ browser mode
if [[ $RUN_BROWSER == 1 ]]; then
    [[ -x ${CHROMIUM_PATH:-/usr/bin/chromium} ]] || die "browser mode needs Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium} (apt-get install chromium, or BENCH_BROWSER=0)"
    # What both sides were given, for the summary.
    python3 -c 'import json,sys; print(json.dumps({"blockResources": [t for t in sys.argv[1].split(",") if t],
        "crawleeMaxConcurrency": int(sys.argv[2]), "chromium": sys.argv[3],
        "crawlifyBrowserContexts": sys.argv[4] or "worker default"}))' \
        "$B_BLOCK" "${CRAWLEE_BROWSER_MAX_CONCURRENCY:-4}" "${CHROMIUM_PATH:-/usr/bin/chromium}" \
        "${CRAWLIFY_WORKER_BROWSER_CONTEXTS:-}" >"$B_WORK/settings.json"
fi

# ---------------------------------------------------------------- Crawlee PlaywrightCrawler
if [[ $RUN_BROWSER == 1 && ${BENCH_SKIP_CRAWLEE:-0} != 1 ]]; then
    log "running crawlee (PlaywrightCrawler, maxConcurrency ${CRAWLEE_BROWSER_MAX_CONCURRENCY:-4}, block '${B_BLOCK:-nothing}')"
    (cd "$BENCH_DIR/crawlee" && CRAWLEE_BROWSER_BLOCK=$B_BLOCK \
        node crawl-browser.mjs "$B_BASE_URL/index.html" "$B_WORK/crawlee-items.ndjson") >"$B_WORK/crawlee.out"
    tail -n 1 "$B_WORK/crawlee.out" >"$B_WORK/crawlee-run.json"
    python3 "$BENCH_DIR/compare_items.py" --json --label "crawlee playwright" \
        "$B_WORK/expected.ndjson" "$B_WORK/crawlee-items.ndjson" >"$B_WORK/crawlee-compare.json" \
        || log "WARNING: crawlee playwright's items differ from expected (see above)"
fi

# ---------------------------------------------------------------- Crawlify renderer "browser"
# Run N writes browser/crawlify-N-{run,compare}.json and browser/crawlify-N-items.ndjson.
if [[ $RUN_BROWSER == 1 && ${BENCH_SKIP_CRAWLIFY:-0} != 1 ]]; then
    for n in $(seq "$B_RUNS"); do
        log "running crawlify browser #$n/$B_RUNS (renderer browser) via $CRAWLIFY_URL"
        if ! python3 "$BENCH_DIR/crawlify_run.py" --api "$CRAWLIFY_URL" --base-url "$B_BASE_URL" \
            --workflow "$BENCH_DIR/workflow-shop-browser.json.tmpl" --block-resources "$B_BLOCK" \
            --items "$B_WORK/crawlify-$n-items.ndjson" \
            --timeout "${BENCH_BROWSER_TIMEOUT:-1800}" >"$B_WORK/crawlify-$n-run.tmp"; then
            rm -f "$B_WORK/crawlify-$n-run.tmp"
            crawlify_ok=0
            break
        fi
        mv "$B_WORK/crawlify-$n-run.tmp" "$B_WORK/crawlify-$n-run.json"
        status=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["status"])' "$B_WORK/crawlify-$n-run.json")
        if [[ $status != succeeded ]]; then
            log "crawlify browser #$n: execution ended with status '$status'"
            crawlify_ok=0
        fi
        python3 "$BENCH_DIR/compare_items.py" --json --label "crawlify browser #$n" \
            "$B_WORK/expected.ndjson" "$B_WORK/crawlify-$n-items.ndjson" >"$B_WORK/crawlify-$n-compare.json" \
            || crawlify_ok=0
    done
fi

# ---------------------------------------------------------------- summary
python3 "$BENCH_DIR/summarize.py" "$WORK" "$WORK/results.json"

if [[ $crawlify_ok != 1 ]]; then
    die "a crawlify run failed, or its items are not all correct / have duplicates"
fi
