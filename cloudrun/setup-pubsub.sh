#!/usr/bin/env bash
# Crawlify's Pub/Sub topology, created or brought back to this configuration (idempotent: run it again
# after changing a setting, it updates what exists):
#
#   topics         crawlify-tasks, crawlify-tasks-dlq, crawlify-events
#   subscriptions  crawlify-tasks-worker            on crawlify-tasks: the workers pull it. Ack deadline 60 s
#                                                   (the client extends leases of tasks still running), retry
#                                                   backoff 10 s..600 s, dead letter to crawlify-tasks-dlq after
#                                                   5 delivery attempts
#                  crawlify-events-orchestrator     on crawlify-events: the orchestrator consumes task outcomes
#                  crawlify-tasks-dlq-orchestrator  on crawlify-tasks-dlq: the orchestrator records dead letters
#                  all: messages retained 7 days, never expire when idle
#   IAM            the Pub/Sub service agent may publish to the dead-letter topic and subscribe to the worker
#                  subscription (what dead-lettering needs); with WORKER_SA / ORCHESTRATOR_SA, each service
#                  account gets exactly the topics and subscriptions its service uses
#
# The same names and defaults as the orchestrator's own provisioning (PubSubTopology), and the same
# environment variables override them: CRAWLIFY_PUBSUB_{TASKS_TOPIC, DEAD_LETTER_TOPIC, EVENTS_TOPIC,
# WORKER_SUBSCRIPTION, EVENTS_SUBSCRIPTION, DEAD_LETTER_SUBSCRIPTION, ACK_DEADLINE, MAX_DELIVERY_ATTEMPTS,
# MIN_RETRY_BACKOFF, MAX_RETRY_BACKOFF, MESSAGE_RETENTION}.
#
#   PROJECT=my-project cloudrun/setup-pubsub.sh
#
# Env: PROJECT (else GOOGLE_CLOUD_PROJECT, else gcloud's configured project); WORKER_SA, ORCHESTRATOR_SA
# (service account e-mails, optional); DRY_RUN=1 prints the commands without calling anything.
#
# Runs unchanged against the Pub/Sub emulator:
#   CLOUDSDK_AUTH_DISABLE_CREDENTIALS=true CLOUDSDK_API_ENDPOINT_OVERRIDES_PUBSUB=http://127.0.0.1:8085/ \
#     PROJECT=any-id cloudrun/setup-pubsub.sh
# (the emulator has no IAM: those steps are skipped there, and said so).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

PROJECT=${PROJECT:-${GOOGLE_CLOUD_PROJECT:-}}
if [[ -z $PROJECT && $DRY_RUN != 1 ]]; then
    PROJECT=$(gcloud config get-value project 2>/dev/null || true)
fi
[[ -n $PROJECT ]] || die "set PROJECT (the Google Cloud project id)"

TASKS=${CRAWLIFY_PUBSUB_TASKS_TOPIC:-crawlify-tasks}
DLQ=${CRAWLIFY_PUBSUB_DEAD_LETTER_TOPIC:-crawlify-tasks-dlq}
EVENTS=${CRAWLIFY_PUBSUB_EVENTS_TOPIC:-crawlify-events}
WORKER_SUB=${CRAWLIFY_PUBSUB_WORKER_SUBSCRIPTION:-crawlify-tasks-worker}
EVENTS_SUB=${CRAWLIFY_PUBSUB_EVENTS_SUBSCRIPTION:-crawlify-events-orchestrator}
DLQ_SUB=${CRAWLIFY_PUBSUB_DEAD_LETTER_SUBSCRIPTION:-crawlify-tasks-dlq-orchestrator}

# Durations as the services write them (60s, 10m, 168h); gcloud takes the same units.
duration() { # NAME VALUE
    [[ $2 =~ ^[0-9]+[smhd]$ ]] || die "$1=$2: use a whole number of s, m, h or d"
    printf '%s' "$2"
}
seconds() { # NAME VALUE
    local d
    d=$(duration "$1" "$2")
    case ${d: -1} in s) echo "${d%s}" ;; m) echo $((${d%m} * 60)) ;; h) echo $((${d%h} * 3600)) ;; d) echo $((${d%d} * 86400)) ;; esac
}
ACK_DEADLINE=$(seconds CRAWLIFY_PUBSUB_ACK_DEADLINE "${CRAWLIFY_PUBSUB_ACK_DEADLINE:-60s}")
MAX_ATTEMPTS=${CRAWLIFY_PUBSUB_MAX_DELIVERY_ATTEMPTS:-5}
MIN_RETRY=$(duration CRAWLIFY_PUBSUB_MIN_RETRY_BACKOFF "${CRAWLIFY_PUBSUB_MIN_RETRY_BACKOFF:-10s}")
MAX_RETRY=$(duration CRAWLIFY_PUBSUB_MAX_RETRY_BACKOFF "${CRAWLIFY_PUBSUB_MAX_RETRY_BACKOFF:-600s}")
RETENTION=$(duration CRAWLIFY_PUBSUB_MESSAGE_RETENTION "${CRAWLIFY_PUBSUB_MESSAGE_RETENTION:-168h}")
[[ $MAX_ATTEMPTS =~ ^[0-9]+$ ]] && ((MAX_ATTEMPTS >= 5 && MAX_ATTEMPTS <= 100)) \
    || die "CRAWLIFY_PUBSUB_MAX_DELIVERY_ATTEMPTS must be 5..100 (Pub/Sub's limits)"

G=(gcloud --project="$PROJECT" --quiet)

# ------------------------------------------------------------------ topics
query "${G[@]}" pubsub topics list --format='value(name.basename())'
missing=()
for topic in "$TASKS" "$DLQ" "$EVENTS"; do
    grep -qxF "$topic" <<<"$QUERY" || missing+=("$topic")
done
if ((${#missing[@]})); then
    run "${G[@]}" pubsub topics create "${missing[@]}" --labels=app=crawlify
fi

# ------------------------------------------------------------------ subscriptions
# One line per existing subscription: name,topic,ack,retention,ttl,minBackoff,maxBackoff,deadLetterTopic,attempts
fields='name.basename(),topic.basename(),ackDeadlineSeconds,messageRetentionDuration,expirationPolicy.ttl'
fields+=',retryPolicy.minimumBackoff,retryPolicy.maximumBackoff,deadLetterPolicy.deadLetterTopic.basename()'
fields+=',deadLetterPolicy.maxDeliveryAttempts'
query "${G[@]}" pubsub subscriptions list --format="csv[no-heading]($fields)"
existing_subs=$QUERY

# subscription NAME TOPIC ACK RETENTION [MIN_BACKOFF MAX_BACKOFF DEAD_LETTER_TOPIC ATTEMPTS]: created, or
# updated in the settings that differ (nothing when none does). A subscription cannot move to another topic.
subscription() {
    local name=$1 topic=$2 ack=$3 retention=$4 min=${5:-} max=${6:-} dlq=${7:-} attempts=${8:-}
    local line
    line=$(grep -E "^${name}," <<<"$existing_subs" || true)
    local flags=(--ack-deadline="$ack" --message-retention-duration="$retention" --expiration-period=never)
    [[ -z $min ]] || flags+=(--min-retry-delay="$min" --max-retry-delay="$max")
    [[ -z $dlq ]] || flags+=(--dead-letter-topic="$dlq" --max-delivery-attempts="$attempts")
    if [[ -z $line ]]; then
        run "${G[@]}" pubsub subscriptions create "$name" --topic="$topic" --labels=app=crawlify "${flags[@]}"
        return
    fi
    local f_topic f_ack f_retention f_ttl f_min f_max f_dlq f_attempts
    IFS=, read -r _ f_topic f_ack f_retention f_ttl f_min f_max f_dlq f_attempts <<<"$line"
    [[ $f_topic == "$topic" ]] || die "subscription $name is attached to topic $f_topic, not $topic: delete it first"
    local update=()
    [[ $f_ack == "$ack" ]] || update+=(--ack-deadline="$ack")
    [[ $f_retention == "$(seconds retention "$retention")s" ]] || update+=(--message-retention-duration="$retention")
    if [[ -n $f_ttl ]]; then
        if pubsub_is_emulator; then
            say "setup-pubsub: $name expires when idle ($f_ttl); the emulator cannot change that, left as is"
        else
            update+=(--expiration-period=never)
        fi
    fi
    if [[ -n $min && ($f_min != "$(seconds backoff "$min")s" || $f_max != "$(seconds backoff "$max")s") ]]; then
        update+=(--min-retry-delay="$min" --max-retry-delay="$max")
    fi
    if [[ -n $dlq && ($f_dlq != "$dlq" || $f_attempts != "$attempts") ]]; then
        update+=(--dead-letter-topic="$dlq" --max-delivery-attempts="$attempts")
    fi
    if ((${#update[@]})); then
        run "${G[@]}" pubsub subscriptions update "$name" "${update[@]}"
    else
        say "setup-pubsub: subscription $name is up to date"
    fi
}
subscription "$WORKER_SUB" "$TASKS" "$ACK_DEADLINE" "$RETENTION" "$MIN_RETRY" "$MAX_RETRY" "$DLQ" "$MAX_ATTEMPTS"
subscription "$EVENTS_SUB" "$EVENTS" 60 "$RETENTION"
subscription "$DLQ_SUB" "$DLQ" 60 "$RETENTION"

# ------------------------------------------------------------------ IAM
if pubsub_is_emulator; then
    say "setup-pubsub: Pub/Sub emulator at $CLOUDSDK_API_ENDPOINT_OVERRIDES_PUBSUB: IAM grants skipped (it has no IAM)"
    say "setup-pubsub: done (project $PROJECT)"
    exit 0
fi

grant() { # topics|subscriptions NAME MEMBER ROLE
    run_retrying "${G[@]}" pubsub "$1" add-iam-policy-binding "$2" --member="$3" --role="$4" --format=none
}

# Dead-lettering: Pub/Sub's own service agent forwards undeliverable messages.
query gcloud projects describe "$PROJECT" --format='value(projectNumber)'
number=$QUERY
[[ -n $number || $DRY_RUN == 1 ]] || die "cannot read the project number of $PROJECT"
agent="serviceAccount:service-${number:-PROJECT_NUMBER}@gcp-sa-pubsub.iam.gserviceaccount.com"
grant topics "$DLQ" "$agent" roles/pubsub.publisher
grant subscriptions "$WORKER_SUB" "$agent" roles/pubsub.subscriber

# Least privilege per service: what each one publishes to and pulls from, nothing project-wide.
if [[ -n ${WORKER_SA:-} ]]; then
    grant subscriptions "$WORKER_SUB" "serviceAccount:$WORKER_SA" roles/pubsub.subscriber
    grant topics "$TASKS" "serviceAccount:$WORKER_SA" roles/pubsub.publisher   # discovered links
    grant topics "$EVENTS" "serviceAccount:$WORKER_SA" roles/pubsub.publisher  # task outcomes
fi
if [[ -n ${ORCHESTRATOR_SA:-} ]]; then
    grant topics "$TASKS" "serviceAccount:$ORCHESTRATOR_SA" roles/pubsub.publisher  # start URLs
    grant subscriptions "$EVENTS_SUB" "serviceAccount:$ORCHESTRATOR_SA" roles/pubsub.subscriber
    grant subscriptions "$DLQ_SUB" "serviceAccount:$ORCHESTRATOR_SA" roles/pubsub.subscriber
fi
say "setup-pubsub: done (project $PROJECT)"
