# Shared by the benchmarks that run the packaged server against a throwaway PostgreSQL 15 of their own
# (bench/console, bench/ingest): free loopback ports, the database, the server started with a bootstrap token and
# waited for until ready, the admin API, the groups and guidelines both set up, running the benchmark program, and
# cleaning up on exit.
# Source it from the repository's root after `set -euo pipefail`; it only defines things and checks the build.
#
# Settings a run may override: PGBIN, PGPORT, HTTPPORT, MANAGEMENTPORT, SERVER_ENV (more environment for the
# server), SERVER_JAVA_OPTS, KEEP (keep the work directory).

JAR=target/quarkus-app/quarkus-run.jar
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[[ -f $JAR ]] || { echo "missing $JAR: run ./mvnw -B package -DskipTests first" >&2; exit 1; }
[[ -x $PGBIN/initdb ]] || { echo "no PostgreSQL binaries in $PGBIN (apt-get install postgresql-15, or set PGBIN)" >&2; exit 1; }
DRIVER=$(ls target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar | head -1)
SERVER_PID=

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# initdb and postgres refuse to run as root; use the postgres account then.
as_pg() { if [[ $(id -u) == 0 ]]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

# bench_ports NAME: picks the ports (unless set) and makes the work directory /tmp/promptgate-NAME-bench.*, and
# stops the server and the database and removes that directory when the script exits.
bench_ports() {
  PGPORT=${PGPORT:-$(free_port)}
  HTTPPORT=${HTTPPORT:-$(free_port)}
  MANAGEMENTPORT=${MANAGEMENTPORT:-$(free_port)}
  WORK=$(mktemp -d "/tmp/promptgate-$1-bench.XXXXXX")
  trap bench_cleanup EXIT
}

bench_cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  as_pg "$PGBIN/pg_ctl -D $WORK/pg -m fast stop" >/dev/null 2>&1 || true
  [[ -n ${KEEP:-} ]] || rm -rf "$WORK"
}

# A new database in $WORK/pg on $PGPORT, set for bulk loads; sets JDBC_URL.
bench_start_postgres() {
  [[ $(id -u) == 0 ]] && chown postgres "$WORK"
  echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PGPORT, data in $WORK/pg"
  as_pg "$PGBIN/initdb -D $WORK/pg -U postgres --auth=trust -E UTF8 >$WORK/initdb.log"
  as_pg "$PGBIN/pg_ctl -D $WORK/pg -l $WORK/pg.log -w start -o \"-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 \
    -c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min -c maintenance_work_mem=256MB \
    -c work_mem=64MB\"" >/dev/null
  JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/postgres"
}

# bench_start_server [NAME=VALUE...]: the packaged server on that database with $BOOTSTRAP as its bootstrap token and
# the given environment (then SERVER_ENV), logging to $WORK/server.log; sets SERVER_PID and returns once it is ready.
bench_start_server() {
  echo "Server on port $HTTPPORT (log in $WORK/server.log)"
  env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$HTTPPORT" \
    QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$MANAGEMENTPORT" \
    QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
    PROMPTGATE_BOOTSTRAP_TOKEN="$BOOTSTRAP" "$@" ${SERVER_ENV:-} \
    java -Xmx1g ${SERVER_JAVA_OPTS:-} -jar "$JAR" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$MANAGEMENTPORT/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
    sleep 1
  done
  echo "the server was not ready after 120 s" >&2
  cat "$WORK/server.log"
  exit 1
}

api() { curl -fsS -H "Authorization: Bearer $BOOTSTRAP" -H 'Content-Type: application/json' "$@"; }

# Five groups (their names in GROUP_NAMES, comma-separated) and three published guideline versions.
bench_groups_and_guidelines() {
  local g v id
  GROUP_NAMES=""
  for g in engineering sales legal support research; do
    api -d "{\"name\":\"$g\",\"idpValue\":\"idp-$g\",\"priority\":1}" "http://127.0.0.1:$HTTPPORT/api/v1/groups" >/dev/null
    GROUP_NAMES="$GROUP_NAMES${GROUP_NAMES:+,}$g"
  done
  for v in 1 2 3; do
    id=$(api -d "{\"title\":\"Guideline $v\",\"markdown\":\"# Guideline $v\"}" "http://127.0.0.1:$HTTPPORT/api/v1/guidelines" | jq -r .id)
    api -X POST -H 'If-Match: "0"' "http://127.0.0.1:$HTTPPORT/api/v1/guidelines/$id/publish" >/dev/null
  done
}

# bench_java SOURCE [JAVA OPTION...]: compiles the benchmark program SOURCE with bench/lib/BenchDatabase.java into
# $WORK/classes and runs it with the PostgreSQL driver on its class path.
bench_java() {
  local source=$1
  shift
  javac -nowarn -d "$WORK/classes" -cp "$DRIVER" bench/lib/BenchDatabase.java "$source"
  java "$@" -cp "$WORK/classes:$DRIVER" "$(basename "$source" .java)"
}
