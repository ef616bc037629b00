#!/usr/bin/env bash
# Runs the packaged services in the background against the local backing services
# (prod profile, loopback targets allow-listed), for `make up` / `make down` and the bench.
#
#   scripts/app.sh up      start orchestrator (8080) and worker (8081), wait until ready
#   scripts/app.sh down    stop what `up` started
#   scripts/app.sh status
#
# Env passes through to the services (see docs/configuration.md: DB_*, REDIS_URL, GOOGLE_CLOUD_PROJECT,
# PUBSUB_EMULATOR_HOST, CRAWLIFY_*). Logs and pid files live in .run/.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN_DIR=${CRAWLIFY_RUN_DIR:-$REPO/.run}
mkdir -p "$RUN_DIR"
JAVA_HOME=${JAVA_HOME:-$("$REPO/scripts/java-home.sh")}
JAVA=$JAVA_HOME/bin/java

export PUBSUB_EMULATOR_HOST=${PUBSUB_EMULATOR_HOST:-127.0.0.1:8085}
export GOOGLE_CLOUD_PROJECT=${GOOGLE_CLOUD_PROJECT:-crawlify-local}
export LOG_JSON=${LOG_JSON:-false}
# The prod profile refuses private and loopback targets; the local shop lives on loopback.
export CRAWLIFY_WORKER_ALLOWED_PRIVATE_TARGETS=${CRAWLIFY_WORKER_ALLOWED_PRIVATE_TARGETS:-127.0.0.0/8,::1}

start() { # name port jar
    local name=$1 port=$2 jar=$3
    [[ -f $jar ]] || { echo "app.sh: $jar is missing; run 'make build'" >&2; exit 1; }
    if [[ -f $RUN_DIR/$name.pid ]] && kill -0 "$(cat "$RUN_DIR/$name.pid")" 2>/dev/null; then
        echo "$name: already running (pid $(cat "$RUN_DIR/$name.pid"))"
        return
    fi
    PORT=$port nohup "$JAVA" ${JAVA_OPTS:-} -jar "$jar" >"$RUN_DIR/$name.log" 2>&1 &
    echo $! >"$RUN_DIR/$name.pid"
}

wait_ready() { # name port
    for _ in $(seq 1 300); do
        if curl -fs "http://127.0.0.1:$2/q/health/ready" >/dev/null; then
            echo "$1: ready on :$2 (log $RUN_DIR/$1.log)"
            return 0
        fi
        kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null || { echo "$1 exited; see $RUN_DIR/$1.log" >&2; tail -20 "$RUN_DIR/$1.log" >&2; exit 1; }
        sleep 0.2
    done
    echo "$1 not ready after 60 s; see $RUN_DIR/$1.log" >&2
    exit 1
}

stop() { # name
    local pidfile=$RUN_DIR/$1.pid pid
    [[ -f $pidfile ]] || return 0
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
        echo "$1: stopped"
    fi
    rm -f "$pidfile"
}

case ${1:-} in
up)
    # Orchestrator first: it migrates the schema and creates topics and subscriptions.
    start orchestrator 8080 "$REPO/orchestrator-service/target/quarkus-app/quarkus-run.jar"
    wait_ready orchestrator 8080
    start worker 8081 "$REPO/worker-service/target/quarkus-app/quarkus-run.jar"
    wait_ready worker 8081
    ;;
down)
    stop worker
    stop orchestrator
    ;;
status)
    for s in orchestrator:8080 worker:8081; do
        curl -fs "http://127.0.0.1:${s#*:}/q/health/ready" >/dev/null && echo "${s%%:*}: ready" || echo "${s%%:*}: down"
    done
    ;;
*)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
