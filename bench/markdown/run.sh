#!/usr/bin/env bash
# Guideline Markdown benchmark (not a test): the server's renderer on hostile inputs against an ordinary guideline of
# the same size, in the same run. Figures and how to read them: docs/reliability.md.
#
#   bench/markdown/run.sh                       (after ./mvnw package -DskipTests -Dextension.skip=true)
#   COMMONMARK=0.27.0 bench/markdown/run.sh     # the same with another commonmark-java from ~/.m2 (0.27.0: before)
#   RUNS=9 bench/markdown/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
LIB=target/quarkus-app/lib/main
[[ -d $LIB && -d target/classes ]] || { echo "Build first: ./mvnw package -DskipTests -Dextension.skip=true" >&2; exit 1; }
classpath=$(ls "$LIB"/*.jar | tr '\n' ':')target/classes
if [[ -n ${COMMONMARK:-} ]]; then
  m2=${MAVEN_REPO:-$HOME/.m2/repository}/org/commonmark
  other="$m2/commonmark/$COMMONMARK/commonmark-$COMMONMARK.jar:$m2/commonmark-ext-gfm-tables/$COMMONMARK/commonmark-ext-gfm-tables-$COMMONMARK.jar"
  classpath=$other:$(echo "$classpath" | tr ':' '\n' | grep -v '/org.commonmark.' | paste -sd:)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac -d "$work" -cp "$classpath" bench/markdown/MarkdownBench.java
echo "commonmark-java ${COMMONMARK:-$(ls "$LIB" | sed -n 's/^org.commonmark.commonmark-\([0-9.]*\)\.jar$/\1/p')}, $(nproc) CPUs, $(java -version 2>&1 | head -1)"
java -Xss1m -cp "$work:$classpath" MarkdownBench
