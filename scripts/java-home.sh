#!/usr/bin/env bash
# Prints a JAVA_HOME with a JDK >= 21 (the project targets Java 21). Prefers an already
# set JAVA_HOME, then Temurin 25, then any JDK under /usr/lib/jvm; installs Debian's
# openjdk-21 (or 25) when none is found.
set -euo pipefail

major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
ok() { [[ -x $1/bin/javac ]] && [[ $(major "$1") -ge 21 ]]; }

candidates=("${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 \
    /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/*)
for c in "${candidates[@]}"; do
    if [[ -n $c && -d $c ]] && ok "$c"; then echo "$c"; exit 0; fi
done

echo "java-home.sh: no JDK >= 21 found; installing one with apt-get" >&2
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
for pkg in openjdk-21-jdk-headless openjdk-25-jdk-headless; do
    if as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >&2; then break; fi
done
for c in /usr/lib/jvm/*; do
    if ok "$c"; then echo "$c"; exit 0; fi
done
echo "java-home.sh: could not find or install a JDK >= 21" >&2
exit 1
