#!/usr/bin/env bash
# Native executables of both services (make native) and the suites that run against them (make native-test).
#
#   scripts/native.sh build [MAVEN ARGS...]   build orchestrator-service/target/*-runner and worker-service/target/*-runner
#   scripts/native.sh test [MAVEN ARGS...]    run system-tests (both services' end-to-end suite) against the two
#                                             executables, and each service's own *IT suites against its executable;
#                                             an executable that exists is reused, a missing one is built first
#   scripts/native.sh how                     say which builder would be used, and why
#
# Which builder, decided here rather than by the user:
#   - a container engine that answers (`docker info` or `podman info` succeeds): Quarkus's container build with
#     the Mandrel builder image (the same image src/main/docker/*/Dockerfile.native build with);
#   - otherwise the local native-image toolchain: GRAALVM_HOME when it holds bin/native-image, else the
#     stand-in that ../shared/native/setup-native-toolchain.sh assembles (CRAWLIFY_NATIVE_TOOLCHAIN overrides
#     that path). It proves the executables compile, start and work here; release images use Mandrel.
# Force one with CRAWLIFY_NATIVE_BUILDER=container|local.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
export JAVA_HOME=${JAVA_HOME:-$(scripts/java-home.sh)}
MVN=(./mvnw -B -ntp)
MANDREL_IMAGE=quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25
TOOLCHAIN=${CRAWLIFY_NATIVE_TOOLCHAIN:-$REPO/../shared/native/setup-native-toolchain.sh}

say() { printf 'native: %s\n' "$*" >&2; }
die() { printf 'native: ERROR: %s\n' "$*" >&2; exit 1; }

container_engine() {
    local engine
    for engine in docker podman; do
        if command -v "$engine" >/dev/null && timeout 20 "$engine" info >/dev/null 2>&1; then
            echo "$engine"
            return 0
        fi
    done
    return 1
}

# Sets BUILDER_ARGS (Maven properties) for the builder this machine supports.
choose_builder() {
    local engine=""
    case ${CRAWLIFY_NATIVE_BUILDER:-auto} in
        container) engine=$(container_engine) || die "CRAWLIFY_NATIVE_BUILDER=container, but neither docker nor podman answers" ;;
        local) ;;
        auto) engine=$(container_engine) || engine="" ;;
        *) die "CRAWLIFY_NATIVE_BUILDER must be container, local or auto" ;;
    esac
    if [[ -n $engine ]]; then
        say "container build with $engine ($MANDREL_IMAGE)"
        BUILDER_ARGS=(-Dquarkus.native.container-build=true -Dquarkus.native.container-runtime="$engine"
            -Dquarkus.native.builder-image="$MANDREL_IMAGE")
        return
    fi
    if [[ -z ${GRAALVM_HOME:-} || ! -x ${GRAALVM_HOME:-}/bin/native-image ]]; then
        [[ -f $TOOLCHAIN ]] || die "no container engine answers and there is no native-image toolchain: set GRAALVM_HOME, or provide $TOOLCHAIN (CRAWLIFY_NATIVE_TOOLCHAIN)"
        say "no container engine answers: using the local toolchain ($TOOLCHAIN)"
        local exports
        exports=$(MVN="$REPO/mvnw" bash "$TOOLCHAIN" | tail -n 1) || die "$TOOLCHAIN failed"
        [[ $exports == "export GRAALVM_HOME="* ]] || die "unexpected output from $TOOLCHAIN: $exports"
        eval "$exports"
    fi
    say "local native-image: $GRAALVM_HOME"
    export GRAALVM_HOME
    # The stand-in's libjvm lacks two functions libjava's StackTraceElement.o refers to (see the file).
    BUILDER_ARGS=(-Dquarkus.native.container-build=false
        -Dquarkus.native.additional-build-args-append=-H:NativeLinkerOption="$REPO/native-image/local-toolchain/jvm-stack-trace-stubs.c")
}

case ${1:-} in
build)
    shift
    choose_builder
    start=$(date +%s)
    "${MVN[@]}" package -Dnative -DskipTests "${BUILDER_ARGS[@]}" "$@"
    say "built in $(($(date +%s) - start)) s:"
    ls -l orchestrator-service/target/*-runner worker-service/target/*-runner >&2
    ;;
test)
    shift
    choose_builder
    # Unit and @QuarkusTest suites are make test's job (surefire, skipped here). What runs (failsafe): system-tests,
    # whose native profile (-Dnative) launches the *-runner executables instead of the jars, and the services' own
    # *IT suites (@QuarkusIntegrationTest). Once both executables exist, one suite alone:
    #   scripts/native.sh test -pl shared-model,system-tests -Dit.test=ShopCrawlTest
    "${MVN[@]}" verify -Dnative -Dquarkus.native.reuse-existing=true "${BUILDER_ARGS[@]}" \
        -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false "$@"
    ;;
how)
    if engine=$(container_engine); then
        echo "container build with $engine ($MANDREL_IMAGE)"
    elif [[ -n ${GRAALVM_HOME:-} && -x ${GRAALVM_HOME:-}/bin/native-image ]]; then
        echo "local native-image at $GRAALVM_HOME (no container engine answers)"
    else
        echo "local toolchain from $TOOLCHAIN (no container engine answers, GRAALVM_HOME unset)"
    fi
    ;;
*)
    echo "usage: $0 build|test|how [MAVEN ARGS...]" >&2
    exit 2
    ;;
esac
