#!/usr/bin/env python3
"""Run the shop crawl on a running Crawlify orchestrator and export its items.

Usage: crawlify_run.py --check [--api URL] [--worker URL]
       crawlify_run.py --api http://127.0.0.1:8080 --base-url http://127.0.0.1:18080 \
                       --items OUT.ndjson [--workflow bench/workflow-shop.json.tmpl] [--timeout 600]
                       [--block-resources image,font]

--block-resources sets config.browser.blockResources of every crawl step whose renderer is
"browser" or "auto" (the browser-mode bench passes the resource types Crawlee blocks too;
an empty value leaves the template's setting as it is).

--check only checks readiness and, given --worker, prints {"workerTasks": N}: the page
tasks the worker has run since it started (from its /q/metrics; null if unavailable), so
the caller can tell whether its first crawl will really be a cold-JVM one.

Steps: check GET /q/health/ready; POST /api/v1/workflows (the template with @BASE_URL@
substituted); POST /api/v1/workflows/{id}/execute; poll GET /api/v1/executions/{id}
every 0.2 s until the status is neither pending nor running; then stream
GET /api/v1/executions/{id}/items (Accept: application/x-ndjson) into OUT.

The measured time is wall clock from just before the execute call to the first poll
that sees a terminal status (so it can overshoot by up to one poll interval, 0.2 s).
The server's own startedAt -> finishedAt is reported beside it.

Prints one JSON line on stdout: {"executionId", "status", "pages", "items", "seconds",
"serverSeconds", "exportSeconds", "stats": {...}}. Exit status: 0 if the execution
reached a terminal status (even failed: the caller decides), 1 on errors/timeouts.
Stdlib only.
"""
import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime

POLL_INTERVAL = 0.2


def fail(msg):
    print(f"crawlify_run: {msg}", file=sys.stderr)
    sys.exit(1)


def request(method, url, body=None, accept="application/json", timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Accept", accept)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    return urllib.request.urlopen(req, timeout=timeout)


def call_json(method, url, body=None, expect=(200,)):
    try:
        with request(method, url, body) as resp:
            payload = resp.read()
            if resp.status not in expect:
                fail(f"{method} {url}: HTTP {resp.status} (expected {expect}): {payload[:500]!r}")
            return json.loads(payload) if payload else {}
    except urllib.error.HTTPError as e:
        fail(f"{method} {url}: HTTP {e.code}: {e.read()[:1000].decode(errors='replace')}")
    except (urllib.error.URLError, OSError) as e:
        fail(f"{method} {url}: {e}")


def parse_ts(value):
    """ISO-8601 string (with Z or offset) or epoch millis -> epoch seconds, else None."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return value / 1000.0
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def worker_tasks(worker):
    """Sum of the worker's crawlify_worker_tasks_total counters, or None if unavailable."""
    try:
        with request("GET", f"{worker.rstrip('/')}/q/metrics", accept="text/plain", timeout=5) as resp:
            text = resp.read().decode(errors="replace")
    except (urllib.error.URLError, OSError):
        return None
    return int(sum(float(line.split()[-1]) for line in text.splitlines()
                   if line.startswith("crawlify_worker_tasks_total")))


def main():
    ap = argparse.ArgumentParser(description="Run the bench crawl on Crawlify.")
    ap.add_argument("--api", default=os.environ.get("CRAWLIFY_URL", "http://127.0.0.1:8080"))
    ap.add_argument("--base-url", default="http://127.0.0.1:18080", help="the shop's base URL")
    ap.add_argument("--workflow", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                       "workflow-shop.json.tmpl"))
    ap.add_argument("--items", help="where to write the exported items (NDJSON); required unless --check")
    ap.add_argument("--check", action="store_true", help="only check that the orchestrator is ready")
    ap.add_argument("--worker", help="with --check: the worker's URL, to report its task count")
    ap.add_argument("--timeout", type=float, default=600, help="max seconds to wait for the run")
    ap.add_argument("--block-resources", default="",
                    help="comma-separated Playwright resource types to abort in browser crawl steps")
    args = ap.parse_args()
    api = args.api.rstrip("/")

    # Readiness first, so a missing orchestrator gives one clear message.
    try:
        with request("GET", f"{api}/q/health/ready", timeout=5) as resp:
            resp.read()
    except urllib.error.HTTPError as e:
        fail(f"orchestrator at {api} is not ready (GET /q/health/ready -> HTTP {e.code}): "
             f"{e.read()[:500].decode(errors='replace')}")
    except (urllib.error.URLError, OSError) as e:
        fail(f"no orchestrator at {api} ({e}); start it first (make up)")
    if args.check:
        if args.worker:
            print(json.dumps({"workerTasks": worker_tasks(args.worker)}))
        return 0
    if not args.items:
        ap.error("--items is required")

    with open(args.workflow, encoding="utf-8") as f:
        workflow = json.loads(f.read().replace("@BASE_URL@", args.base_url.rstrip("/")))
    block = [t.strip() for t in args.block_resources.split(",") if t.strip()]
    if block:
        for step in workflow.get("steps", []):
            cfg = step.get("config") or {}
            if step.get("type") == "crawl" and cfg.get("renderer") in ("browser", "auto"):
                cfg.setdefault("browser", {})["blockResources"] = block

    wf = call_json("POST", f"{api}/api/v1/workflows", workflow, expect=(200, 201))
    wf_id = wf.get("id") or fail(f"workflow create returned no id: {wf}")

    started = time.monotonic()
    ex = call_json("POST", f"{api}/api/v1/workflows/{wf_id}/execute", {}, expect=(200, 201, 202))
    ex_id = ex.get("id") or fail(f"execute returned no id: {ex}")

    deadline = started + args.timeout
    while True:
        state = call_json("GET", f"{api}/api/v1/executions/{ex_id}")
        status = state.get("status")
        if status not in ("pending", "running"):
            break
        if time.monotonic() > deadline:
            fail(f"execution {ex_id} still {status} after {args.timeout:.0f} s; "
                 f"last stats: {json.dumps(state.get('stats'))}")
        time.sleep(POLL_INTERVAL)
    seconds = time.monotonic() - started

    stats = state.get("stats") or {}
    t0, t1 = parse_ts(state.get("startedAt")), parse_ts(state.get("finishedAt"))
    server_seconds = round(t1 - t0, 3) if t0 is not None and t1 is not None else None

    # Export (not part of the timed crawl).
    export_started = time.monotonic()
    os.makedirs(os.path.dirname(os.path.abspath(args.items)), exist_ok=True)
    try:
        with request("GET", f"{api}/api/v1/executions/{ex_id}/items",
                     accept="application/x-ndjson", timeout=300) as resp, \
                open(args.items, "wb") as out:
            while chunk := resp.read(1 << 16):
                out.write(chunk)
    except urllib.error.HTTPError as e:
        fail(f"items export: HTTP {e.code}: {e.read()[:500].decode(errors='replace')}")
    except (urllib.error.URLError, OSError) as e:
        fail(f"items export: {e}")
    export_seconds = time.monotonic() - export_started

    with open(args.items, "rb") as f:
        exported = sum(1 for line in f if line.strip())

    pages = stats.get("pagesCrawled", 0) or 0
    print(json.dumps({
        "executionId": ex_id,
        "workflowId": wf_id,
        "status": status,
        "pages": pages,
        "items": exported,
        "seconds": round(seconds, 3),
        "pagesPerSecond": round(pages / seconds, 1) if seconds > 0 else None,
        "serverSeconds": server_seconds,
        "exportSeconds": round(export_seconds, 3),
        "stats": stats,
        "error": state.get("error"),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
