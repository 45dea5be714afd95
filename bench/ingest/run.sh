#!/usr/bin/env bash
# Event-ingest benchmark (not a test): COPY straight into client_event against POST /api/v1/client/events in
# batches, in the same run, on a throwaway PostgreSQL 15; then report latency at 10 million events.
# Builds nothing: run `./mvnw -B package -DskipTests -Dextension.skip=true` first. Figures and how to read them: docs/performance.md.
#
#   bench/ingest/run.sh                 # 1,000,000 events, 16 senders, batches of 100; reports at 10,000,000
#   EVENTS=200000 REPORT_EVENTS=0 bench/ingest/run.sh   # a quick look
set -euo pipefail

cd "$(dirname "$0")/../.."
# shellcheck source=bench/lib/server.sh
source bench/lib/server.sh
bench_ports ingest
BOOTSTRAP=pg_bt_ingest-benchmark-bootstrap-token-0123456789
SECRET=ingest-benchmark-user-hash-secret-0123456789

bench_start_postgres
bench_start_server PROMPTGATE_EVENTS_USER_HASH_SECRET="$SECRET" \
  PROMPTGATE_EVENTS_DEVICE_BATCHES_PER_MINUTE=0 PROMPTGATE_EVENTS_PERSON_BATCHES_PER_MINUTE=0 \
  PROMPTGATE_EVENTS_TOKEN_EVENTS_PER_MINUTE=0

# The events acknowledge guideline version 3: only a published version is accepted.
bench_groups_and_guidelines
TOKEN=$(api -d '{"name":"ingest-benchmark"}' "http://127.0.0.1:$HTTPPORT/api/v1/enrollment-tokens" | jq -r .secret)

echo "Machine: $(nproc) CPUs, $(free -g | awk '/Mem:/{print $2}') GB; server, PostgreSQL and the load generator share them"
POSTMASTER_PID=$(head -1 "$WORK/pg/postmaster.pid")
SERVER_PID=$SERVER_PID POSTMASTER_PID=$POSTMASTER_PID \
SERVER_URL="http://127.0.0.1:$HTTPPORT" ENROLLMENT_TOKEN=$TOKEN ADMIN_TOKEN=$BOOTSTRAP JDBC_URL=$JDBC_URL \
USER_HASH_SECRET=$SECRET GROUP_NAMES=$GROUP_NAMES \
  bench_java bench/ingest/IngestBench.java -Xmx4g
