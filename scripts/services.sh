#!/usr/bin/env bash
# Local backing services for Crawlify: PostgreSQL, Redis and the Pub/Sub emulator,
# all on 127.0.0.1, and what the worker's browser renderer runs on: Chromium and Node.js
# (Playwright's driver). Used by the Makefile (make up / make test) and .ci/run.
#
#   scripts/services.sh ensure [DB ...]   detect, install (apt) and start what is missing;
#                                         create the databases (default: crawlify crawlify_test)
#   scripts/services.sh status            one line per service (exit 1 if any is down)
#   scripts/services.sh stop              stop only what this script started
#
# Env: PUBSUB_PORT (8085), CRAWLIFY_RUN_DIR (<repo>/.run: pid files, logs, markers).
# Postgres is 127.0.0.1:5432 (user postgres, trust auth) and Redis 127.0.0.1:6379; the
# ports are fixed because the start commands below use the distribution defaults.
#
# What this script started is recorded in the run dir (postgres.started-by-us,
# redis.started-by-us, pubsub-emulator.pid), so `stop` never touches services that
# were already running (e.g. the machine's own Postgres/Redis).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN_DIR=${CRAWLIFY_RUN_DIR:-$REPO/.run}
HOST=127.0.0.1
PG_PORT=5432
REDIS_PORT=6379
PUBSUB_PORT=${PUBSUB_PORT:-8085}
EMULATOR_BIN=/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator
EMULATOR_PID=$RUN_DIR/pubsub-emulator.pid
EMULATOR_LOG=$RUN_DIR/pubsub-emulator.log
APT_LOG=$RUN_DIR/apt.log

say() { printf '%s\n' "$*"; }
die() { printf 'services.sh: ERROR: %s\n' "$*" >&2; exit 1; }

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# Run a command as the OS user "postgres" (peer auth over the Unix socket), used only
# to repair pg_hba.conf when TCP login as postgres needs a password.
as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

APT_UPDATED=0
apt_install() {
    # apt-get update at most once per invocation, and only when something is installed.
    if [[ $APT_UPDATED -eq 0 ]]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >>"$APT_LOG" 2>&1 \
            || die "apt-get update failed (see $APT_LOG)"
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"$APT_LOG" 2>&1 \
        || die "apt-get install $* failed (see $APT_LOG)"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# wait_for SECONDS CMD...: poll CMD every 0.2 s until it succeeds or time runs out.
wait_for() {
    local tries=$(($1 * 5)); shift
    for ((i = 0; i < tries; i++)); do
        "$@" && return 0
        sleep 0.2
    done
    "$@"
}

# ------------------------------------------------------------------ PostgreSQL
pg_ready() { pg_isready -q -h "$HOST" -p "$PG_PORT" 2>/dev/null; }
pg_login() { psql -h "$HOST" -p "$PG_PORT" -U postgres -w -d postgres -tAqc 'select 1' >/dev/null 2>&1; }
pg_sql() { psql -h "$HOST" -p "$PG_PORT" -U postgres -w -d postgres -v ON_ERROR_STOP=1 -tAqc "$1"; }

# shellcheck disable=SC2012  # version directories are plain numbers
pg_version() { ls /etc/postgresql 2>/dev/null | sort -V | tail -1 || true; }

# Fresh Debian clusters use scram-sha-256 for host connections: switch the loopback
# lines (IPv4 and IPv6) to trust and reload. Only called when TCP login fails.
pg_trust_loopback() {
    local hba
    hba=$(as_postgres psql -tAqc 'show hba_file') || die "cannot read hba_file via the postgres OS user"
    as_root cp -n "$hba" "$hba.crawlify.bak"
    as_root sed -i -E \
        -e 's#^(host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+)[^[:space:]]+#\1trust#' \
        -e 's#^(host[[:space:]]+all[[:space:]]+all[[:space:]]+::1/128[[:space:]]+)[^[:space:]]+#\1trust#' \
        "$hba"
    # No such lines at all (custom file): put explicit ones first (first match wins).
    if ! as_root grep -qE '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
        as_root sed -i -e '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    fi
    as_postgres psql -tAqc 'select pg_reload_conf()' >/dev/null
    wait_for 5 pg_login || die "postgres still refuses passwordless TCP login as postgres (see $hba)"
}

ensure_postgres() {
    local how="running"
    if ! pg_ready; then
        if ! command -v pg_ctlcluster >/dev/null || [[ -z $(pg_version) ]]; then
            apt_install postgresql
            how="installed+started"
        else
            how="started"
        fi
        local ver
        ver=$(pg_version)
        [[ -n $ver ]] || die "no PostgreSQL cluster under /etc/postgresql after install"
        # Debian's package creates the "main" cluster; create it if someone removed it.
        [[ -d /etc/postgresql/$ver/main ]] || as_root pg_createcluster "$ver" main >>"$APT_LOG" 2>&1
        # The install may already have started it (systemd machines); start otherwise.
        if ! pg_ready; then
            as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start 9>&- \
                || die "pg_ctlcluster $ver main start failed"
            echo "$ver" >"$RUN_DIR/postgres.started-by-us"
        fi
        wait_for 30 pg_ready || die "PostgreSQL did not become ready on $HOST:$PG_PORT"
    fi
    if ! pg_login; then
        pg_trust_loopback
        how="$how, loopback auth set to trust"
    fi
    local db created=()
    for db in "$@"; do
        [[ $db =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "invalid database name: $db"
        if [[ -z $(pg_sql "select 1 from pg_database where datname = '$db'") ]]; then
            pg_sql "create database \"$db\"" >/dev/null
            created+=("$db")
        fi
    done
    say "postgres: ok ($HOST:$PG_PORT, $how; databases: $*${created:+; created: ${created[*]}})"
}

# ------------------------------------------------------------------ Redis
redis_ready() { [[ $(redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

ensure_redis() {
    local how="running"
    if ! command -v redis-cli >/dev/null || ! command -v redis-server >/dev/null; then
        apt_install redis-server
        how="installed"
    fi
    # (On a systemd machine the package's own service may now be running.)
    if ! redis_ready; then
        # No persistence: it is a cache/dedup store for local runs and tests.
        redis-server --daemonize yes --bind "$HOST" --port "$REDIS_PORT" --save '' --appendonly no \
            --logfile "$RUN_DIR/redis.log" --dir "$RUN_DIR" --pidfile "$RUN_DIR/redis.pid" >/dev/null 9>&- \
            || die "redis-server failed to start (see $RUN_DIR/redis.log)"
        touch "$RUN_DIR/redis.started-by-us"
        wait_for 10 redis_ready || die "Redis did not answer on $HOST:$REDIS_PORT (see $RUN_DIR/redis.log)"
        if [[ $how == installed ]]; then how="installed+started"; else how="started"; fi
    fi
    say "redis: ok ($HOST:$REDIS_PORT, $how)"
}

# ------------------------------------------------------------------ Pub/Sub emulator
# The emulator is a Java program; prefer a JDK >= 21 (same as the services).
pick_java_home() {
    local candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
        [[ -n $candidate && -x $candidate/bin/java ]] || continue
        local v
        v=$("$candidate/bin/java" -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p')
        if [[ -n $v && $v -ge 21 ]]; then
            echo "$candidate"
            return 0
        fi
    done
    # Fall back to whatever java is on PATH (the emulator itself runs on Java 8+).
    command -v java >/dev/null && dirname "$(dirname "$(readlink -f "$(command -v java)")")" && return 0
    return 1
}

emulator_pid_alive() {
    local pid
    pid=$(cat "$EMULATOR_PID" 2>/dev/null) || return 1
    # Guard against pid reuse: it must still be the emulator's java.
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && grep -q pubsub-emulator "/proc/$pid/cmdline" 2>/dev/null
}

# The emulator 0.8.20 jar bundles grpc-core 1.68.1 with an older grpc-api whose InternalStatus
# lacks asRuntimeException(Status, Metadata, boolean). Every client stream cancel (RST_STREAM:
# subscriber shutdown, or the client's keepalive restarting an idle streaming pull) then throws
# NoSuchMethodError inside the emulator, which never forgets the dead stream and keeps
# delivering messages into it: the subscription silently stops delivering. Putting the matching
# grpc-api first on the classpath fixes it. Other emulator versions run unpatched.
GRPC_API_VERSION=1.68.1
GRPC_API_SHA256=d88d815e07fe58a7572dda5d2823485b61706564f289a1e74281705d50ac2d5b
emulator_classpath() {
    local emulator_jar
    emulator_jar=$(ls "$(dirname "$EMULATOR_BIN")"/../lib/cloud-pubsub-emulator-*-all.jar | head -1)
    if [[ $emulator_jar != *-0.8.20-all.jar ]]; then
        echo "$emulator_jar"
        return
    fi
    local patch=$RUN_DIR/grpc-api-$GRPC_API_VERSION.jar
    if [[ ! -s $patch ]]; then
        local m2=$HOME/.m2/repository/io/grpc/grpc-api/$GRPC_API_VERSION/grpc-api-$GRPC_API_VERSION.jar
        if [[ -s $m2 ]]; then
            cp "$m2" "$patch"
        else
            curl -fsSL -o "$patch.tmp" \
                "https://repo.maven.apache.org/maven2/io/grpc/grpc-api/$GRPC_API_VERSION/grpc-api-$GRPC_API_VERSION.jar" \
                || die "cannot download grpc-api $GRPC_API_VERSION from Maven Central"
            mv "$patch.tmp" "$patch"
        fi
        echo "$GRPC_API_SHA256  $patch" | sha256sum -c --quiet - >/dev/null \
            || { rm -f "$patch"; die "grpc-api $GRPC_API_VERSION checksum mismatch"; }
    fi
    echo "$patch:$emulator_jar"
}

ensure_emulator() {
    local how="running"
    if ! port_open "$PUBSUB_PORT"; then
        if [[ ! -x $EMULATOR_BIN ]]; then
            local candidate
            candidate=$(apt-cache policy google-cloud-cli-pubsub-emulator 2>/dev/null | sed -nE 's/^ *Candidate: *//p')
            if [[ -z $candidate || $candidate == "(none)" ]]; then
                die "Pub/Sub emulator not found at $EMULATOR_BIN and the apt package google-cloud-cli-pubsub-emulator is not available (needs Google's Cloud SDK apt repository)"
            fi
            apt_install google-cloud-cli-pubsub-emulator
            [[ -x $EMULATOR_BIN ]] || die "google-cloud-cli-pubsub-emulator installed but $EMULATOR_BIN is missing"
            how="installed+started"
        else
            how="started"
        fi
        local java_home
        java_home=$(pick_java_home) || die "the Pub/Sub emulator needs Java (none found; install a JDK >= 21)"
        # A stale emulator of ours that lost its port? Stop it before starting anew.
        emulator_pid_alive && stop_emulator quiet
        # setsid: own session/process group, so it survives the caller (make, CI step)
        # and `stop` can signal the whole group. The launcher script execs java, so $!
        # is the JVM's pid. stdin from /dev/null, output to the log: callers capturing
        # our output must not wait on the emulator's file descriptors.
        local classpath
        classpath=$(emulator_classpath)
        JAVA_HOME=$java_home PATH=$java_home/bin:$PATH \
            setsid nohup "$java_home/bin/java" -cp "$classpath" com.google.cloud.pubsub.testing.v1.Main \
            --host="$HOST" --port="$PUBSUB_PORT" \
            </dev/null >>"$EMULATOR_LOG" 2>&1 9>&- &
        echo $! >"$EMULATOR_PID"
        local i
        for ((i = 0; i < 150; i++)); do
            port_open "$PUBSUB_PORT" && break
            kill -0 "$(cat "$EMULATOR_PID")" 2>/dev/null \
                || { tail -n 20 "$EMULATOR_LOG" >&2; rm -f "$EMULATOR_PID"; die "Pub/Sub emulator exited (log: $EMULATOR_LOG)"; }
            sleep 0.2
        done
        port_open "$PUBSUB_PORT" || die "Pub/Sub emulator not answering on $HOST:$PUBSUB_PORT after 30 s (log: $EMULATOR_LOG)"
        how="$how, pid $(cat "$EMULATOR_PID")"
    elif emulator_pid_alive; then
        how="running, pid $(cat "$EMULATOR_PID")"
    else
        how="running, not started by this script"
    fi
    say "pubsub-emulator: ok ($HOST:$PUBSUB_PORT, $how)"
}

stop_emulator() {
    local quiet=${1:-}
    if emulator_pid_alive; then
        local pid
        pid=$(cat "$EMULATOR_PID")
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        wait_for 10 bash -c "! kill -0 $pid 2>/dev/null" \
            || { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; }
        rm -f "$EMULATOR_PID"
        [[ -n $quiet ]] || say "pubsub-emulator: stopped (pid $pid)"
    else
        rm -f "$EMULATOR_PID"
        [[ -n $quiet ]] || say "pubsub-emulator: not started by this script, left alone"
    fi
}

# ------------------------------------------------------------------ browser runtime
# The worker drives Debian's Chromium through Playwright; Playwright's driver runs on Node.js
# (>= 20). Neither is downloaded by Playwright (browser downloads are off everywhere).
CHROMIUM=${CRAWLIFY_WORKER_BROWSER_EXECUTABLE_PATH:-/usr/bin/chromium}

node_ok() { command -v node >/dev/null && [[ $(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0) -ge 20 ]]; }

ensure_browser_runtime() {
    if [[ ! -x $CHROMIUM ]]; then
        say "chromium: installing (apt)"
        apt_install chromium fonts-liberation
    fi
    [[ -x $CHROMIUM ]] || die "no Chromium at $CHROMIUM"
    if ! node_ok; then
        say "node: installing (apt)"
        apt_install nodejs
        node_ok || die "Playwright's driver needs Node.js >= 20 (found: $(node --version 2>/dev/null || echo none))"
    fi
    say "browser: ok ($("$CHROMIUM" --version 2>/dev/null | head -1), node $(node --version))"
}

# ------------------------------------------------------------------ commands
cmd_ensure() {
    local dbs=("$@")
    [[ ${#dbs[@]} -gt 0 ]] || dbs=(crawlify crawlify_test)
    ensure_postgres "${dbs[@]}"
    ensure_redis
    ensure_emulator
    ensure_browser_runtime
}

cmd_stop() {
    stop_emulator
    if [[ -f $RUN_DIR/redis.started-by-us ]]; then
        redis-cli -h "$HOST" -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
        rm -f "$RUN_DIR/redis.started-by-us"
        say "redis: stopped"
    else
        say "redis: not started by this script, left alone"
    fi
    if [[ -f $RUN_DIR/postgres.started-by-us ]]; then
        as_root pg_ctlcluster --skip-systemctl-redirect "$(cat "$RUN_DIR/postgres.started-by-us")" main stop || true
        rm -f "$RUN_DIR/postgres.started-by-us"
        say "postgres: stopped"
    else
        say "postgres: not started by this script, left alone"
    fi
}

cmd_status() {
    local down=0 who
    if pg_ready; then
        if pg_login; then say "postgres: up ($HOST:$PG_PORT)"; else say "postgres: up ($HOST:$PG_PORT) but TCP login as postgres needs a password (run ensure)"; fi
    else say "postgres: down"; down=1; fi
    if redis_ready; then say "redis: up ($HOST:$REDIS_PORT)"; else say "redis: down"; down=1; fi
    if port_open "$PUBSUB_PORT"; then
        if emulator_pid_alive; then who="pid $(cat "$EMULATOR_PID")"; else who="not started by this script"; fi
        say "pubsub-emulator: up ($HOST:$PUBSUB_PORT, $who)"
    else say "pubsub-emulator: down"; down=1; fi
    return $down
}

main() {
    local cmd=${1:-}
    [[ $# -gt 0 ]] && shift
    mkdir -p "$RUN_DIR"
    case $cmd in
        ensure | stop)
            # Serialise concurrent callers (e.g. two make targets) on the run dir. Every
            # daemon started below gets "9>&-" so it does not inherit (and hold) the lock.
            exec 9>"$RUN_DIR/services.lock"
            flock -w 120 9 || die "another services.sh is still running (lock $RUN_DIR/services.lock)"
            "cmd_$cmd" "$@"
            ;;
        status) cmd_status ;;
        *) echo "usage: $0 ensure [DB ...] | status | stop" >&2; exit 2 ;;
    esac
}

main "$@"
