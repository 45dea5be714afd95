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
# shellcheck source=bench/lib/server.sh
source bench/lib/server.sh
bench_ports console
BOOTSTRAP=pg_bt_console-benchmark-bootstrap-token-0123456789

bench_start_postgres
bench_start_server PROMPTGATE_EVENTS_ROLLUP_INTERVAL="${ROLLUP_INTERVAL:-10s}"

bench_groups_and_guidelines
api -d '{"name":"console-benchmark"}' "http://127.0.0.1:$HTTPPORT/api/v1/enrollment-tokens" >/dev/null

echo "Machine: $(nproc) CPUs, $(free -g | awk '/Mem:/{print $2}') GB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
SERVER_URL="http://127.0.0.1:$HTTPPORT" ADMIN_TOKEN=$BOOTSTRAP JDBC_URL=$JDBC_URL GROUP_NAMES=$GROUP_NAMES \
  bench_java bench/console/ConsoleBench.java -Xmx512m
