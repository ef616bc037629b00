# Helpers shared by cloudrun/*.sh (sourced, not run).
#
# Every gcloud call goes through `run` (changes something) or `query` (reads), which print it first as
# "+ command" on stdout. With DRY_RUN=1 nothing is called: `run` only prints, and `query` prints and finds
# nothing, so a dry run prints exactly the sequence a first deployment into an empty project runs.

DRY_RUN=${DRY_RUN:-0}

say() { printf '%s\n' "$*" >&2; }
die() { printf '%s: ERROR: %s\n' "${0##*/}" "$*" >&2; exit 1; }

# Prints a command the way a shell would read it back.
show() {
    local out="+" arg
    for arg in "$@"; do
        [[ $arg != --password=* ]] || arg=--password=REDACTED
        if [[ $arg =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]]; then
            out+=" $arg"
        elif [[ $arg != *"'"* ]]; then
            out+=" '$arg'"
        else
            out+=" $(printf '%q' "$arg")"
        fi
    done
    printf '%s\n' "$out"
}

run() {
    show "$@"
    [[ $DRY_RUN == 1 ]] && return 0
    "$@"
}

# run_retrying CMD...: `run`, tried up to 5 times 10 s apart. For IAM grants to a service account created a
# moment ago: IAM may not know it yet for a few seconds.
run_retrying() {
    show "$@"
    [[ $DRY_RUN == 1 ]] && return 0
    local attempt
    for attempt in 1 2 3 4; do
        "$@" && return 0
        say "  (attempt $attempt failed; trying again in 10 s)"
        sleep 10
    done
    "$@"
}

# query CMD...: runs a read-only command and leaves its stdout in QUERY (empty when it fails, e.g. NOT_FOUND).
# Dry run: prints it, QUERY is empty.
QUERY=
query() {
    show "$@"
    QUERY=
    [[ $DRY_RUN == 1 ]] && return 0
    QUERY=$("$@" 2>/dev/null) || QUERY=
}

# The Pub/Sub API goes to an emulator when its endpoint is overridden to something other than Google's.
pubsub_is_emulator() {
    local endpoint=${CLOUDSDK_API_ENDPOINT_OVERRIDES_PUBSUB:-}
    [[ -n $endpoint && $endpoint != *googleapis.com* ]]
}
