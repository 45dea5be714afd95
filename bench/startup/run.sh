#!/usr/bin/env bash
# Startup benchmark: how long the packaged server takes from the start of its JVM to its first 200 on
# /q/health/ready (on its management port), and its resident memory then, on an external PostgreSQL (schema already migrated) and on the
# embedded one (data directory already initialized). Three measured starts per mode, each after one unmeasured
# start that migrates or initializes. Prints each run (with the CPU time the JVM used until ready, which moves
# less than the wall clock when other processes share the machine) and the medians. Not a test.
#
#   bench/startup/run.sh            (after ./mvnw package -DskipTests -Dextension.skip=true)
#   RUNS=5 MODES=external bench/startup/run.sh
#   JAR="/elsewhere/quarkus-app/quarkus-run.jar target/quarkus-app/quarkus-run.jar" bench/startup/run.sh
#
# JAR may name several builds (copy a build with `cp -a`, which keeps the files' times that a class-data archive
# checks): their starts alternate within each mode, so that a before/after shares the same load. Each JVM starts in
# its build's directory with -jar quarkus-run.jar, as the image's run-java script starts it; when the build holds
# an application class-data archive (app-cds.jsa, built with -Papp-cds) the JVM maps it, as the image's
# JAVA_TOOL_OPTIONS make it do, with -Xshare:on so that an archive the JVM cannot use fails the run instead of
# going unnoticed; when it holds an AOT cache (app.aot, built with -Paot-cache on Java 25) the JVM maps that instead,
# with -XX:AOTMode=on for the same reason. CDS=0 leaves either out. JAVA_HOME_1, JAVA_HOME_2, … run the first,
# second, … build on another JDK (its bin/java) than the java on the PATH. JAVA_OPTS_1, JAVA_OPTS_2, … add options to the first, second, … build
# only (the same build may be named twice to compare two settings). PER_THREAD=1 also prints, for each start, the CPU
# seconds each kind of thread (main, C2 and C1 compilers, collector, …) used until ready.
#
# The JVM runs with the settings a pod of the Helm chart gets by default (see JAVA_OPTS below), unless
# SERVER_JAVA_OPTS is set. The reference printed first is a JVM that starts and exits (java -version) with the
# same settings, so that a slow, busy machine shows as such.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${RUNS:-3}
MODES=${MODES:-external embedded}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
read -r -a JARS <<<"${JAR:-target/quarkus-app/quarkus-run.jar}"
for jar in "${JARS[@]}"; do
  [ -f "$jar" ] || { echo "No $jar. Build first: ./mvnw package -DskipTests -Dextension.skip=true" >&2; exit 1; }
done
command -v curl >/dev/null || { echo "Needs curl" >&2; exit 1; }
# shellcheck source=bench/chart-jvm.sh
source bench/chart-jvm.sh
JAVA_OPTS=${SERVER_JAVA_OPTS:-$CHART_JAVA_OPTS}

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
now_ms() { date +%s%3N; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }
# CPU seconds per kind of thread (numbers stripped from the names), largest first.
per_thread() {
  local hz task
  hz=$(getconf CLK_TCK)
  for task in /proc/"$1"/task/*; do
    # After the name in parentheses (which may hold spaces), user and system time are the 12th and 13th fields.
    awk -v hz="$hz" -v name="$(sed 's/[#0-9]*$//; s/[- ]*$//' "$task/comm")" \
      '{sub(/^.*\) /, ""); print ($12 + $13) / hz, name}' "$task/stat"
  done | awk '{t = $1; $1 = ""; sum[$0] += t} END {for (n in sum) if (sum[n] >= 0.05) printf "  %5.2f s%s\n", sum[n], n}' \
    | sort -rn
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# The options a build's JVM gets: the chart's (or SERVER_JAVA_OPTS), and its class-data archive if it has one.
# $1 is the build's path, $2 its number (from 1).
jvm_options() {
  local dir extra="JAVA_OPTS_$2"
  dir=$(dirname "$1")
  if [ "${CDS:-1}" = 1 ] && [ -f "$dir/app.aot" ]; then
    echo "$JAVA_OPTS -XX:AOTMode=on -XX:AOTCache=app.aot ${!extra:-}"
  elif [ "${CDS:-1}" = 1 ] && [ -f "$dir/app-cds.jsa" ]; then
    echo "$JAVA_OPTS -Xshare:on -XX:SharedArchiveFile=app-cds.jsa ${!extra:-}"
  else
    echo "$JAVA_OPTS ${!extra:-}"
  fi
}

# The java command of build number $1 (from 1): JAVA_HOME_<n>'s, or the java on the PATH.
java_of() {
  local home="JAVA_HOME_$1"
  if [ -n "${!home:-}" ]; then echo "${!home}/bin/java"; else command -v java; fi
}

# Starts build number $1 (from 0) with the given environment, waits for readiness, prints "<ms> <MiB> <CPU s>",
# stops it.
start_once() {
  local b=$1 jar=${JARS[$1]}; shift
  local port management log started ready
  port=$(free_port)
  management=$(free_port)
  log="$work/server-$(now_ms).log"
  started=$(now_ms)
  env "$@" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
    QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$management" PROMPTGATE_BOOTSTRAP_TOKEN="pg_bt_startup-bench-0123456789abcdef" \
    bash -c 'cd "$1" && shift && exec "$@" -jar quarkus-run.jar' _ "$(dirname "$jar")" "$(java_of $((b + 1)))" $(jvm_options "$jar" $((b + 1))) \
    >"$log" 2>&1 &
  server_pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$management/q/health/ready" 2>/dev/null; do
    if ! kill -0 "$server_pid" 2>/dev/null; then cat "$log" >&2; exit 1; fi
    if (( $(now_ms) - started > 180000 )); then
      echo "not ready after 180 s" >&2; cat "$log" >&2; kill "$server_pid"; exit 1
    fi
    sleep 0.02
  done
  ready=$(now_ms)
  [ "${PER_THREAD:-0}" = 1 ] && per_thread "$server_pid" >&2
  echo "$((ready - started)) $(rss_mib "$server_pid") $(cpu_s "$server_pid")"
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

measure() {
  local mode=$1; shift
  local first ms mib sec b i
  local -a times rss cpu
  first=$(start_once 0 "$@")
  echo "$mode: first start (migrates / initializes): ${first%% *} ms"
  for b in "${!JARS[@]}"; do times[b]=""; rss[b]=""; cpu[b]=""; done
  for i in $(seq 1 "$RUNS"); do
    for b in "${!JARS[@]}"; do
      read -r ms mib sec < <(start_once "$b" "$@")
      [ -n "${sec:-}" ] || { echo "$mode: build $((b + 1)) run $i failed" >&2; exit 1; }
      times[b]+="$ms "; rss[b]+="$mib "; cpu[b]+="$sec "
      echo "$mode: build $((b + 1)) run $i: $ms ms to ready, RSS $mib MiB, $sec s of CPU" \
        "(load $(cut -d' ' -f1 /proc/loadavg))"
    done
  done
  for b in "${!JARS[@]}"; do
    echo "$mode: build $((b + 1)) median $(printf '%s\n' ${times[b]} | median) ms to ready," \
      "RSS $(printf '%s\n' ${rss[b]} | median) MiB, $(printf '%s\n' ${cpu[b]} | median) s of CPU"
  done
}

for b in "${!JARS[@]}"; do
  echo "build $((b + 1)): ${JARS[b]} on $("$(java_of $((b + 1)))" -version 2>&1 | head -1) with $(jvm_options "${JARS[b]}" $((b + 1)))"
done
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
ref_start=$(now_ms); java $JAVA_OPTS -version >/dev/null 2>&1; echo "reference: java -version takes $(( $(now_ms) - ref_start )) ms"

for mode in $MODES; do
  case $mode in
    external)
      [[ -x $PGBIN/initdb ]] || { echo "No PostgreSQL in $PGBIN (apt-get install -y postgresql)" >&2; exit 1; }
      pgport=$(free_port)
      mkdir -p "$work/pg"; chmod 755 "$work"; [[ $(id -u) == 0 ]] && chown postgres "$work/pg"
      as_pg "$PGBIN/initdb -D $work/pg -U postgres --auth=trust -E UTF8 >/dev/null"
      as_pg "$PGBIN/pg_ctl -D $work/pg -l $work/pg/log -w start -o \"-p $pgport -k $work/pg -c listen_addresses=127.0.0.1\" >/dev/null"
      pg_started=1
      measure external QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$pgport/postgres" \
        QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres
      as_pg "$PGBIN/pg_ctl -D $work/pg -m fast stop" >/dev/null; pg_started=""
      ;;
    embedded)
      measure embedded PROMPTGATE_EMBEDDED_DATABASE_DATA_DIR="$work/embedded"
      ;;
    *) echo "unknown mode $mode" >&2; exit 1 ;;
  esac
done
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
