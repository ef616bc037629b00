#!/usr/bin/env bash
# Deploys Crawlify to Cloud Run (`make deploy`): builds the native images with Cloud Build, pushes them to
# Artifact Registry, creates what the services need when it is missing, and deploys both services. Every
# gcloud command is printed before it runs; DRY_RUN=1 prints the whole sequence (as for a first deployment
# into an empty project) and calls nothing.
#
#   PROJECT=my-project REGION=europe-west1 cloudrun/deploy.sh
#   DRY_RUN=1 PROJECT=my-project REGION=europe-west1 cloudrun/deploy.sh
#
# In order, each step skipped when its resource exists (so a second run only builds and deploys):
#    1. enable the APIs (Run, Pub/Sub, Cloud SQL Admin, Memorystore, Secret Manager, Artifact Registry,
#       Cloud Build, Service Networking, Compute)
#    2. Artifact Registry repository (when REGISTRY is one: <region>-docker.pkg.dev/<project>/<repository>)
#    3. Cloud Build: the browser runtime, native worker and native orchestrator images (cloudrun/cloudbuild.yaml)
#    4. a service account per service: crawlify-orchestrator, crawlify-worker
#    5. Secret Manager: crawlify-db-password (generated), crawlify-api-keys (one generated key); each service
#       account may read only the secrets its service uses
#    6. private services access on NETWORK (a /16 range peered with Google's services), for Cloud SQL
#    7. Cloud SQL for PostgreSQL 15, private IP only: instance crawlify-pg, database and user crawlify
#    8. Memorystore for Redis 7.2 (basic tier): crawlify-redis
#    9. Pub/Sub topics, subscriptions and IAM: cloudrun/setup-pubsub.sh
#   10. the services: cloudrun/orchestrator.yaml and cloudrun/worker.yaml, rendered, `gcloud run services replace`
#   11. the orchestrator's URL answers anyone (PUBLIC=1; its API still needs a key)
#
# Env: PROJECT, REGION (required); REGISTRY (<REGION>-docker.pkg.dev/<PROJECT>/crawlify); TAG (the Git
# commit, plus a timestamp when the tree has uncommitted changes); NETWORK, SUBNET (default); DB_TIER
# (db-g1-small); REDIS_SIZE_GB (1); WORKER_MAX_INSTANCES (10); PUBLIC (1); DRY_RUN (0);
# CRAWLIFY_DEPLOY_DIR (where the rendered service specs go: .run/deploy).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

if [[ $DRY_RUN != 1 ]]; then
    command -v gcloud >/dev/null || die "gcloud is not installed (https://cloud.google.com/sdk/docs/install)"
    PROJECT=${PROJECT:-$(gcloud config get-value project 2>/dev/null || true)}
fi
[[ -n ${PROJECT:-} ]] || die "set PROJECT (the Google Cloud project id)"
[[ -n ${REGION:-} ]] || die "set REGION (e.g. europe-west1)"
REGISTRY=${REGISTRY:-$REGION-docker.pkg.dev/$PROJECT/crawlify}
if [[ -z ${TAG:-} ]]; then
    TAG=$(git -C "$REPO" rev-parse --short=12 HEAD 2>/dev/null || echo manual)
    [[ -z $(git -C "$REPO" status --porcelain 2>/dev/null) ]] || TAG+=-$(date -u +%Y%m%d%H%M%S)
fi
NETWORK=${NETWORK:-default}
SUBNET=${SUBNET:-default}
DB_TIER=${DB_TIER:-db-g1-small}
REDIS_SIZE_GB=${REDIS_SIZE_GB:-1}
WORKER_MAX_INSTANCES=${WORKER_MAX_INSTANCES:-10}
PUBLIC=${PUBLIC:-1}
OUT=${CRAWLIFY_DEPLOY_DIR:-$REPO/.run/deploy}
ORCHESTRATOR_SA=crawlify-orchestrator@$PROJECT.iam.gserviceaccount.com
WORKER_SA=crawlify-worker@$PROJECT.iam.gserviceaccount.com
SQL_INSTANCE=crawlify-pg
REDIS_INSTANCE=crawlify-redis
PEERING_RANGE=crawlify-private-services

G=(gcloud --project="$PROJECT" --quiet)
step() { printf '\n# %s\n' "$*"; }

step "1. APIs"
run "${G[@]}" services enable run.googleapis.com pubsub.googleapis.com sqladmin.googleapis.com \
    redis.googleapis.com secretmanager.googleapis.com artifactregistry.googleapis.com \
    cloudbuild.googleapis.com servicenetworking.googleapis.com compute.googleapis.com

step "2. image registry $REGISTRY"
if [[ $REGISTRY =~ ^([a-z0-9-]+)-docker\.pkg\.dev/([^/]+)/([^/]+)$ ]]; then
    ar_location=${BASH_REMATCH[1]} ar_repository=${BASH_REMATCH[3]}
    query "${G[@]}" artifacts repositories describe "$ar_repository" --location="$ar_location" --format='value(name)'
    if [[ -z $QUERY ]]; then
        run "${G[@]}" artifacts repositories create "$ar_repository" --location="$ar_location" \
            --repository-format=docker --description="Crawlify images"
    fi
else
    say "deploy: $REGISTRY is not an Artifact Registry repository path; pushing to it as it is"
fi

step "3. images (Cloud Build, native): tag $TAG"
run "${G[@]}" builds submit "$REPO" --config="$HERE/cloudbuild.yaml" --machine-type=e2-highcpu-8 \
    --substitutions="_REGISTRY=$REGISTRY,_TAG=$TAG"

step "4. service accounts"
for sa in crawlify-orchestrator crawlify-worker; do
    query "${G[@]}" iam service-accounts describe "$sa@$PROJECT.iam.gserviceaccount.com" --format='value(email)'
    [[ -n $QUERY ]] || run "${G[@]}" iam service-accounts create "$sa" --display-name="Crawlify ${sa#crawlify-}"
done

step "5. secrets"
# secret NAME READER...: created with a generated value when missing; READERs may access it.
secret() {
    local name=$1
    shift
    query "${G[@]}" secrets describe "$name" --format='value(name)'
    if [[ -z $QUERY ]]; then
        # The value goes through a pipe, never onto a command line or into this output.
        show "${G[@]}" secrets create "$name" --replication-policy=automatic --data-file=- "<(generated)"
        if [[ $DRY_RUN != 1 ]]; then
            head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | "${G[@]}" secrets create "$name" \
                --replication-policy=automatic --data-file=-
        fi
    fi
    local reader
    for reader in "$@"; do
        run_retrying "${G[@]}" secrets add-iam-policy-binding "$name" --member="serviceAccount:$reader" \
            --role=roles/secretmanager.secretAccessor --format=none
    done
}
secret crawlify-db-password "$ORCHESTRATOR_SA" "$WORKER_SA"
secret crawlify-api-keys "$ORCHESTRATOR_SA"

step "6. private services access on network $NETWORK (Cloud SQL private IP)"
query "${G[@]}" compute addresses describe "$PEERING_RANGE" --global --format='value(name)'
if [[ -z $QUERY ]]; then
    run "${G[@]}" compute addresses create "$PEERING_RANGE" --global --purpose=VPC_PEERING --prefix-length=16 \
        --network="$NETWORK"
fi
query "${G[@]}" services vpc-peerings list --network="$NETWORK" --service=servicenetworking.googleapis.com \
    --format='value(reservedPeeringRanges)'
if [[ -z $QUERY ]]; then
    run "${G[@]}" services vpc-peerings connect --service=servicenetworking.googleapis.com \
        --ranges="$PEERING_RANGE" --network="$NETWORK"
elif [[ $QUERY != *"$PEERING_RANGE"* ]]; then
    say "deploy: $NETWORK already peers with servicenetworking ($QUERY); Cloud SQL gets an address from those ranges"
fi

step "7. Cloud SQL for PostgreSQL: $SQL_INSTANCE (private IP)"
query "${G[@]}" sql instances describe "$SQL_INSTANCE" --format='value(name)'
if [[ -z $QUERY ]]; then
    run "${G[@]}" sql instances create "$SQL_INSTANCE" --database-version=POSTGRES_15 --edition=enterprise \
        --tier="$DB_TIER" --region="$REGION" --network="projects/$PROJECT/global/networks/$NETWORK" \
        --no-assign-ip --storage-auto-increase --backup-start-time=03:00
fi
query "${G[@]}" sql databases describe crawlify --instance="$SQL_INSTANCE" --format='value(name)'
[[ -n $QUERY ]] || run "${G[@]}" sql databases create crawlify --instance="$SQL_INSTANCE"
query "${G[@]}" sql users list --instance="$SQL_INSTANCE" --format='value(name)'
if ! grep -qx crawlify <<<"$QUERY"; then
    query "${G[@]}" secrets versions access latest --secret=crawlify-db-password
    run "${G[@]}" sql users create crawlify --instance="$SQL_INSTANCE" --password="${QUERY:-from-secret}"
fi
query "${G[@]}" sql instances describe "$SQL_INSTANCE" --format='value(ipAddresses[0].ipAddress)'
DB_HOST=${QUERY:-CLOUD_SQL_PRIVATE_IP}

step "8. Memorystore for Redis: $REDIS_INSTANCE"
query "${G[@]}" redis instances describe "$REDIS_INSTANCE" --region="$REGION" --format='value(name)'
if [[ -z $QUERY ]]; then
    run "${G[@]}" redis instances create "$REDIS_INSTANCE" --region="$REGION" --tier=basic \
        --size="$REDIS_SIZE_GB" --redis-version=redis_7_2 --network="projects/$PROJECT/global/networks/$NETWORK"
fi
query "${G[@]}" redis instances describe "$REDIS_INSTANCE" --region="$REGION" --format='value(host)'
REDIS_URL=redis://${QUERY:-MEMORYSTORE_HOST}:6379

step "9. Pub/Sub"
show env PROJECT="$PROJECT" ORCHESTRATOR_SA="$ORCHESTRATOR_SA" WORKER_SA="$WORKER_SA" cloudrun/setup-pubsub.sh
PROJECT=$PROJECT ORCHESTRATOR_SA=$ORCHESTRATOR_SA WORKER_SA=$WORKER_SA DRY_RUN=$DRY_RUN "$HERE/setup-pubsub.sh"

step "10. services"
mkdir -p "$OUT"
# render TEMPLATE: the spec with every ${NAME} replaced; fails on one it does not know.
render() {
    local text name value
    text=$(<"$1")
    for name in PROJECT REGION REGISTRY TAG NETWORK SUBNET ORCHESTRATOR_SA WORKER_SA DB_HOST REDIS_URL \
        WORKER_MAX_INSTANCES; do
        value=${!name}
        text=${text//"\${$name}"/$value}
    done
    if [[ $text =~ \$\{[A-Za-z_]+\} ]]; then
        local unknown=${BASH_REMATCH[0]}
        die "$1: no value for $unknown"
    fi
    printf '%s\n' "$text"
}
for service in orchestrator worker; do
    render "$HERE/$service.yaml" >"$OUT/$service.yaml"
    run "${G[@]}" run services replace "$OUT/$service.yaml" --region="$REGION"
done

step "11. access"
if [[ $PUBLIC == 1 ]]; then
    run "${G[@]}" run services add-iam-policy-binding crawlify-orchestrator --region="$REGION" \
        --member=allUsers --role=roles/run.invoker --format=none
fi
query "${G[@]}" run services describe crawlify-orchestrator --region="$REGION" --format='value(status.url)'
say ""
say "deploy: orchestrator at ${QUERY:-<its URL>}; API key: gcloud secrets versions access latest --secret=crawlify-api-keys --project=$PROJECT"
