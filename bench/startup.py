#!/usr/bin/env python3
"""Startup time to ready and idle memory of both services, native and JVM (make bench-startup; make bench).

For each service (orchestrator, worker) and mode (native: <service>/target/*-runner from make native; jvm:
<service>/target/quarkus-app/quarkus-run.jar from make build) it starts the service RUNS times and measures:

  ready ms      from process start to the first 200 from /q/health/ready (polled every 2 ms): the orchestrator
                has migrated the schema and consumes its subscriptions, the worker is pulling tasks
  started ms    what Quarkus itself logs ("started in 0.032s"): its boot, without process exec and the
                readiness of connections
  idle RSS MB   resident memory (VmRSS) of the service process, IDLE seconds after it became ready, with no
                work (the worker has started no browser: browser slots start on first use)

Medians over the runs are printed as a table and written to bench/.work/startup.json. A mode whose artifact is
missing is reported as such and skipped. It runs against the local PostgreSQL, Redis and Pub/Sub emulator
(make services) in a Pub/Sub project and a database of their own (crawlify-bench-startup, BENCH_STARTUP_DB:
crawlify_startup, created by the Makefile), prod profile, plain-text logs.

Env: BENCH_STARTUP_RUNS (5), BENCH_STARTUP_IDLE_SECONDS (5), BENCH_STARTUP_PORT (18090; the service under test
listens there), BENCH_STARTUP_MODES (native,jvm), JAVA_HOME (for the JVM mode), PUBSUB_EMULATOR_HOST.
"""
import glob
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", ".work")
RUNS = int(os.environ.get("BENCH_STARTUP_RUNS", "5"))
IDLE = float(os.environ.get("BENCH_STARTUP_IDLE_SECONDS", "5"))
PORT = int(os.environ.get("BENCH_STARTUP_PORT", "18090"))
MODES = [m for m in os.environ.get("BENCH_STARTUP_MODES", "native,jvm").split(",") if m]
JAVA = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java")
STARTED = re.compile(r"started in (\d+\.\d+)s")
SERVICES = ["orchestrator", "worker"]


def artifact(service, mode):
    module = os.path.join(ROOT, f"{service}-service", "target")
    if mode == "native":
        found = sorted(glob.glob(os.path.join(module, "*-runner")))
        return [found[0]] if found and os.access(found[0], os.X_OK) else None
    jar = os.path.join(module, "quarkus-app", "quarkus-run.jar")
    return [JAVA, "-jar", jar] if os.path.isfile(jar) else None


def environment():
    env = dict(os.environ)
    env.update({
        "PORT": str(PORT),
        "LOG_JSON": "false",
        "GOOGLE_CLOUD_PROJECT": "crawlify-bench-startup",
        "DB_NAME": os.environ.get("BENCH_STARTUP_DB", "crawlify_startup"),
        "PUBSUB_EMULATOR_HOST": os.environ.get("PUBSUB_EMULATOR_HOST", "127.0.0.1:8085"),
    })
    return env


def ready(timeout=60.0):
    """Polls /q/health/ready until 200; returns the time it answered, or None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
            conn.request("GET", "/q/health/ready")
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return time.monotonic()
        except OSError:
            pass
        time.sleep(0.002)
    return None


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return None


def port_free():
    try:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=0.5)
        conn.request("GET", "/")
        conn.close()
        return False
    except OSError:
        return True


def run_once(command, log_path):
    if not port_free():
        raise RuntimeError(f"port {PORT} is in use (BENCH_STARTUP_PORT)")
    with open(log_path, "w") as log:
        start = time.monotonic()
        process = subprocess.Popen(command, cwd=ROOT, env=environment(), stdout=log, stderr=subprocess.STDOUT)
        try:
            at = ready()
            if at is None:
                raise RuntimeError(f"{' '.join(command)} not ready within 60 s (log: {log_path})")
            ready_ms = (at - start) * 1000
            time.sleep(IDLE)
            rss = rss_mb(process.pid)
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    with open(log_path) as f:
        match = STARTED.search(f.read())
    return {"readyMs": round(ready_ms, 1), "startedMs": round(float(match.group(1)) * 1000, 1) if match else None,
            "idleRssMb": round(rss, 1) if rss else None}


def median(runs, key):
    values = [r[key] for r in runs if r[key] is not None]
    return round(statistics.median(values), 1) if values else None


def main():
    os.makedirs(WORK, exist_ok=True)
    results = []
    # The orchestrator first: it creates the project's topics and subscriptions the worker waits for.
    for service in SERVICES:
        for mode in MODES:
            command = artifact(service, mode)
            if command is None:
                what = "make native" if mode == "native" else "make build"
                print(f"startup: {service} {mode}: not built ({what}); skipped", file=sys.stderr)
                results.append({"service": service, "mode": mode, "missing": True})
                continue
            log = os.path.join(WORK, f"startup-{service}-{mode}.log")
            run_once(command, log)  # warm-up: page cache, schema and topology in place; not counted
            runs = [run_once(command, log) for _ in range(RUNS)]
            row = {"service": service, "mode": mode, "runs": runs,
                   "readyMs": median(runs, "readyMs"), "startedMs": median(runs, "startedMs"),
                   "idleRssMb": median(runs, "idleRssMb"), "readyMsMin": min(r["readyMs"] for r in runs)}
            results.append(row)
            print(f"startup: {service} {mode}: ready {row['readyMs']} ms, idle RSS {row['idleRssMb']} MB",
                  file=sys.stderr)

    print(f"\nstartup and idle memory (median of {RUNS} runs after a warm-up; idle = {IDLE:g} s after ready)")
    print(f"{'service':<13} {'mode':<7} {'ready ms':>9} {'(min)':>7} {'started ms':>11} {'idle RSS MB':>12}")
    for r in results:
        if r.get("missing"):
            print(f"{r['service']:<13} {r['mode']:<7} {'not built':>9}")
            continue
        print(f"{r['service']:<13} {r['mode']:<7} {r['readyMs']:>9} {r['readyMsMin']:>7} "
              f"{r['startedMs'] if r['startedMs'] is not None else '-':>11} {r['idleRssMb']:>12}")
    out = os.path.join(WORK, "startup.json")
    with open(out, "w") as f:
        json.dump({"runs": RUNS, "idleSeconds": IDLE, "results": results}, f, indent=2)
        f.write("\n")
    print(f"(written to {out})")


if __name__ == "__main__":
    main()
