#!/usr/bin/env bash
# Makes an AOT cache (Java 25, JEP 483/514/515) for a packaged server from a training run of a whole start: the
# server starts on a throwaway PostgreSQL 15 cluster under the chart's JVM settings, migrates the schema, answers
# its readiness check, and is stopped; the JVM then writes app.aot next to quarkus-run.jar, which
# bench/startup/run.sh maps when it finds it. A build's own AOT cache (-Paot-cache) records the static
# initialization only; this one also holds what the start-up work after it loads and links. Not a test.
#
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/startup/aot-train.sh target/quarkus-app
#
# Copy the build first (cp -a) if its own app.aot or app-cds.jsa should stay: this replaces app.aot in place.
set -euo pipefail
app=$(cd "${1:?usage: JAVA_HOME=<JDK 25> $0 <quarkus-app directory>}" && pwd)
cd "$(dirname "$0")/../.."
java=${JAVA_HOME:?JAVA_HOME must name a JDK 25 or later}/bin/java
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -f "$app/quarkus-run.jar" ] || { echo "No $app/quarkus-run.jar" >&2; exit 1; }
# shellcheck source=bench/chart-jvm.sh
source bench/chart-jvm.sh

work=$(mktemp -d)
server_pid=""
pg_started=""
as_pg() { if [[ $(id -u) == 0 ]]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$pg_started" ] && as_pg "$PGBIN/pg_ctl -D $work/pg -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

pgport=$(free_port)
mkdir -p "$work/pg"; chmod 755 "$work"; [[ $(id -u) == 0 ]] && chown postgres "$work/pg"
as_pg "$PGBIN/initdb -D $work/pg -U postgres --auth=trust -E UTF8 >/dev/null"
as_pg "$PGBIN/pg_ctl -D $work/pg -l $work/pg/log -w start -o \"-p $pgport -k $work/pg -c listen_addresses=127.0.0.1\" >/dev/null"
pg_started=1

management=$(free_port)
rm -f "$app/app.aot"
(cd "$app" && exec env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$pgport/postgres" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$(free_port)" \
  QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$management" \
  PROMPTGATE_BOOTSTRAP_TOKEN="pg_bt_startup-bench-0123456789abcdef" \
  "$java" $CHART_JAVA_OPTS -XX:AOTCacheOutput=app.aot -jar quarkus-run.jar) >"$work/server.log" 2>&1 &
server_pid=$!
started=$(date +%s)
until curl -fs -o /dev/null "http://127.0.0.1:$management/q/health/ready" 2>/dev/null; do
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/server.log" >&2; exit 1; fi
  if (( $(date +%s) - started > 180 )); then echo "not ready after 180 s" >&2; cat "$work/server.log" >&2; exit 1; fi
  sleep 0.1
done
# The JVM writes the cache when it exits; a stop by SIGTERM is an orderly exit.
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
[ -f "$app/app.aot" ] || { echo "No app.aot written" >&2; tail -20 "$work/server.log" >&2; exit 1; }
echo "$app/app.aot: $(du -m "$app/app.aot" | cut -f1) MiB"
