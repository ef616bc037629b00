# Crawlify — one entry point for the local topology, the build, the tests and the benchmarks.
# Works without Docker: the backing services (PostgreSQL, Redis, Pub/Sub emulator) are
# started, or installed then started, by scripts/services.sh.

SHELL := /bin/bash
# A JDK >= 21 for the targets that build or test (found, or installed, by java-home.sh); `make deploy` needs none.
ifneq ($(filter-out help deploy,$(or $(MAKECMDGOALS),help)),)
JAVA_HOME := $(shell scripts/java-home.sh)
export JAVA_HOME
endif
export PUBSUB_EMULATOR_HOST ?= 127.0.0.1:8085
MVN := ./mvnw -B -ntp

.PHONY: help dev up down test build bench bench-startup services clean native native-test deploy

help:
	@echo "make dev     backing services + both services in Quarkus dev mode (live reload)"
	@echo "make up      backing services + both services packaged, in the background (prod profile)"
	@echo "make down    stop what 'make up' started (services, and backing services it started)"
	@echo "make test    the whole test suite against real PostgreSQL, Redis and the Pub/Sub emulator"
	@echo "make build   package both services (JVM)"
	@echo "make bench   crawl a 5,000-product shop with Crawlify and Crawlee, print the ratio; then bench-startup"
	@echo "make bench-startup  startup time to ready and idle RSS of both services, native and JVM"
	@echo "make native  both services as native executables (Mandrel in a container if Docker/Podman answers, else the local toolchain)"
	@echo "make native-test  system-tests (and each service's own *IT suites) against the native executables (builds missing ones)"
	@echo "make deploy  build the native images with Cloud Build and deploy both services to Cloud Run"
	@echo "             (PROJECT, REGION required; REGISTRY, TAG optional; DRY_RUN=1 prints the commands only)"

# The test database is the suites' own (TEST_DB_NAME, crawlify_test by default).
services:
	scripts/services.sh ensure crawlify $${TEST_DB_NAME:-crawlify_test}

build:
	$(MVN) -q package -DskipTests

# The orchestrator starts first (schema, topics, subscriptions), then the worker. Both reload
# on change; Ctrl-C stops both. Debuggers: 5005 (orchestrator), 5006 (worker).
dev: services
	$(MVN) -q install -DskipTests -pl shared-model,shared-runtime -am
	@trap 'kill 0' INT TERM EXIT; \
	$(MVN) -f orchestrator-service/pom.xml quarkus:dev -Ddebug=5005 & \
	until curl -fs http://127.0.0.1:8080/q/health/ready >/dev/null 2>&1; do sleep 1; done; \
	$(MVN) -f worker-service/pom.xml quarkus:dev -Ddebug=5006 & \
	wait

up: services build
	scripts/app.sh up

# Stops the services and whatever backing service `make up` had to start (never one that was
# already running, such as the machine's own PostgreSQL).
down:
	scripts/app.sh down
	scripts/services.sh stop

test: services
	$(MVN) verify

# Browser mode compares like with like: the worker renders as many pages at once as Crawlee
# keeps open, and both replace their browser after the same number of pages.
BENCH_BROWSER_CONTEXTS ?= 4
BENCH_BROWSER_PAGES ?= 200
BENCH_BROWSER_ENV = CRAWLIFY_WORKER_BROWSER_CONTEXTS=$(BENCH_BROWSER_CONTEXTS) \
	CRAWLIFY_WORKER_BROWSER_PAGES_PER_BROWSER=$(BENCH_BROWSER_PAGES) \
	CRAWLEE_BROWSER_MAX_CONCURRENCY=$(BENCH_BROWSER_CONTEXTS) CRAWLEE_BROWSER_PAGES_PER_BROWSER=$(BENCH_BROWSER_PAGES)
bench: services build
	scripts/app.sh down
	$(BENCH_BROWSER_ENV) scripts/app.sh up
	$(BENCH_BROWSER_ENV) bash bench/run.sh
	scripts/services.sh ensure crawlify_startup >/dev/null
	python3 bench/startup.py

# Native rows need the executables (make native); without them only the JVM rows are printed.
bench-startup: services build
	scripts/services.sh ensure crawlify_startup >/dev/null
	python3 bench/startup.py

native:
	scripts/native.sh build

native-test: services
	scripts/native.sh test

# PROJECT, REGION (and optionally REGISTRY, TAG, ...) from the environment or the command line; see cloudrun/deploy.sh.
deploy:
	cloudrun/deploy.sh

clean:
	$(MVN) -q clean
	rm -rf bench/.work
