#!/usr/bin/env bash
# Console benchmark (not a test): the response times of the console's overview and report screens on an empty
# database and again at 10 million events, generated in PostgreSQL itself (the ingest benchmark's mix of events), with
# a static file and the same screens on the empty database as the references measured in the same run.
# Builds nothing: run `./mvnw -B package -DskipTests -Dextension.skip=true` first. Figures: docs/performance.md.
#
#   bench/console/run.sh                    # 10,000,000 events over 30 days
#   EVENTS=1000000 bench/console/run.sh     # a quicker look
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
JAR=target/quarkus-app/quarkus-run.jar
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[[ -f $JAR ]] || { echo "missing $JAR: run ./mvnw -B package -DskipTests first" >&2; exit 1; }
[[ -x $PGBIN/initdb ]] || { echo "no PostgreSQL binaries in $PGBIN (apt-get install postgresql-15, or set PGBIN)" >&2; exit 1; }
DRIVER=$(ls target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar | head -1)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PGPORT=${PGPORT:-$(free_port)}
HTTPPORT=${HTTPPORT:-$(free_port)}
MANAGEMENTPORT=${MANAGEMENTPORT:-$(free_port)}
WORK=$(mktemp -d /tmp/promptgate-console-bench.XXXXXX)
BOOTSTRAP=pg_bt_console-benchmark-bootstrap-token-0123456789
SERVER_PID=

# initdb and postgres refuse to run as root; use the postgres account then.
as_pg() { if [[ $(id -u) == 0 ]]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  as_pg "$PGBIN/pg_ctl -D $WORK/pg -m fast stop" >/dev/null 2>&1 || true
  [[ -n ${KEEP:-} ]] || rm -rf "$WORK"
}
trap cleanup EXIT

[[ $(id -u) == 0 ]] && chown postgres "$WORK"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PGPORT, data in $WORK/pg"
as_pg "$PGBIN/initdb -D $WORK/pg -U postgres --auth=trust -E UTF8 >$WORK/initdb.log"
as_pg "$PGBIN/pg_ctl -D $WORK/pg -l $WORK/pg.log -w start -o \"-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 \
  -c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min -c maintenance_work_mem=256MB \
  -c work_mem=64MB\"" >/dev/null

JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/postgres"
echo "Server on port $HTTPPORT (log in $WORK/server.log)"
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$HTTPPORT QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$MANAGEMENTPORT \
QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
PROMPTGATE_BOOTSTRAP_TOKEN=$BOOTSTRAP PROMPTGATE_EVENTS_ROLLUP_INTERVAL=${ROLLUP_INTERVAL:-10s} \
  env ${SERVER_ENV:-} java -Xmx1g ${SERVER_JAVA_OPTS:-} -jar "$JAR" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$MANAGEMENTPORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 1
done

api() { curl -fsS -H "Authorization: Bearer $BOOTSTRAP" -H 'Content-Type: application/json' "$@"; }
GROUP_NAMES=""
for g in engineering sales legal support research; do
  api -d "{\"name\":\"$g\",\"idpValue\":\"idp-$g\",\"priority\":1}" "http://127.0.0.1:$HTTPPORT/api/v1/groups" >/dev/null
  GROUP_NAMES="$GROUP_NAMES${GROUP_NAMES:+,}$g"
done
for v in 1 2 3; do
  id=$(api -d "{\"title\":\"Guideline $v\",\"markdown\":\"# Guideline $v\"}" "http://127.0.0.1:$HTTPPORT/api/v1/guidelines" | jq -r .id)
  api -X POST -H 'If-Match: "0"' "http://127.0.0.1:$HTTPPORT/api/v1/guidelines/$id/publish" >/dev/null
done
api -d '{"name":"console-benchmark"}' "http://127.0.0.1:$HTTPPORT/api/v1/enrollment-tokens" >/dev/null

echo "Machine: $(nproc) CPUs, $(free -g | awk '/Mem:/{print $2}') GB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
SERVER_URL="http://127.0.0.1:$HTTPPORT" ADMIN_TOKEN=$BOOTSTRAP JDBC_URL=$JDBC_URL GROUP_NAMES=$GROUP_NAMES \
  java -Xmx512m -cp "$DRIVER" "$ROOT/bench/console/ConsoleBench.java"
