#!/usr/bin/env bash
# Event-ingest benchmark (not a test): COPY straight into client_event against POST /api/v1/client/events in
# batches, in the same run, on a throwaway PostgreSQL 15; then report latency at 10 million events.
# Builds nothing: run `./mvnw -B package -DskipTests -Dextension.skip=true` first. Figures and how to read them: docs/performance.md.
#
#   bench/ingest/run.sh                 # 1,000,000 events, 16 senders, batches of 100; reports at 10,000,000
#   EVENTS=200000 REPORT_EVENTS=0 bench/ingest/run.sh   # a quick look
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
WORK=$(mktemp -d /tmp/promptgate-ingest-bench.XXXXXX)
BOOTSTRAP=pg_bt_ingest-benchmark-bootstrap-token-0123456789
SECRET=ingest-benchmark-user-hash-secret-0123456789
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
PROMPTGATE_BOOTSTRAP_TOKEN=$BOOTSTRAP PROMPTGATE_EVENTS_USER_HASH_SECRET=$SECRET \
PROMPTGATE_EVENTS_DEVICE_BATCHES_PER_MINUTE=0 PROMPTGATE_EVENTS_PERSON_BATCHES_PER_MINUTE=0 PROMPTGATE_EVENTS_TOKEN_EVENTS_PER_MINUTE=0 \
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
# The events acknowledge guideline version 3: only a published version is accepted.
for v in 1 2 3; do
  id=$(api -d "{\"title\":\"Guideline $v\",\"markdown\":\"# Guideline $v\"}" "http://127.0.0.1:$HTTPPORT/api/v1/guidelines" | jq -r .id)
  api -X POST -H 'If-Match: "0"' "http://127.0.0.1:$HTTPPORT/api/v1/guidelines/$id/publish" >/dev/null
done
TOKEN=$(api -d '{"name":"ingest-benchmark"}' "http://127.0.0.1:$HTTPPORT/api/v1/enrollment-tokens" | jq -r .secret)

echo "Machine: $(nproc) CPUs, $(free -g | awk '/Mem:/{print $2}') GB; server, PostgreSQL and the load generator share them"
POSTMASTER_PID=$(head -1 "$WORK/pg/postmaster.pid")
SERVER_PID=$SERVER_PID POSTMASTER_PID=$POSTMASTER_PID \
SERVER_URL="http://127.0.0.1:$HTTPPORT" ENROLLMENT_TOKEN=$TOKEN ADMIN_TOKEN=$BOOTSTRAP JDBC_URL=$JDBC_URL \
USER_HASH_SECRET=$SECRET GROUP_NAMES=$GROUP_NAMES \
  java -Xmx4g -cp "$DRIVER" "$ROOT/bench/ingest/IngestBench.java"
