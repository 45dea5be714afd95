#!/usr/bin/env bash
# Policy-fetch benchmark: Promptgate's GET /api/v1/client/policy against nginx serving the same bytes with an
# ETag, both on loopback, measured in alternation by wrk at 64 and 256 connections, for 200 and 304 answers.
# Prints req/s, p99 latency and the ratio to nginx, and the server's resident memory. Then the same fetch as
# 10,000 people in 50 groups: each person's first fetch sends their OIDC access token (RS256, verified by the server)
# and gets a policy session handle, and each measured request is the next person's fetch with that handle, as the
# extension makes it between token renewals; against the organization-only path measured in the same run through
# the same wrk script. Not a test.
#
#   bench/policy-fetch/run.sh            (after ./mvnw package -DskipTests)
#   DURATION=20s bench/policy-fetch/run.sh
#   CHART_JVM=1 bench/policy-fetch/run.sh   (under the Helm chart's default JVM settings)
#   PEOPLE=0 bench/policy-fetch/run.sh       (skip the people case; needs python3 with cryptography otherwise)
#   PEOPLE_SEND=token bench/policy-fetch/run.sh   (people send their token on every fetch instead of the policy
#                                                  session handle the server gave for it, as the extension does)
#   SERVER_CPUS=1 LOAD_CPUS=0 bench/policy-fetch/run.sh   (the servers on one core, wrk on the other, so that the
#                                                  scheduler's placement stops moving the figures; needs taskset)
#   NGINX=0 bench/policy-fetch/run.sh        (skip the comparison with nginx: the people case only)
#   KINDS=200 bench/policy-fetch/run.sh      (the people case's answers to measure: 200, 304 or both)
set -euo pipefail
cd "$(dirname "$0")/../.."
# CHART_JVM=1: run the server with the Helm chart's default JVM settings (bench/chart-jvm.sh), as a pod would.
if [ "${CHART_JVM:-}" = 1 ]; then
  # shellcheck source=bench/chart-jvm.sh
  source bench/chart-jvm.sh
  SERVER_JAVA_OPTS="$CHART_JAVA_OPTS ${SERVER_JAVA_OPTS:-}"
fi

DURATION=${DURATION:-10s}
PEOPLE=${PEOPLE:-10000}
PEOPLE_GROUPS=${PEOPLE_GROUPS:-50}
PEOPLE_SEND=${PEOPLE_SEND:-handle}
ROUNDS=${ROUNDS:-3}
ISSUER=https://idp.bench.example
WARMUP=${WARMUP:-15s}
THREADS=${THREADS:-2}
NGINX=${NGINX:-1}
KINDS=${KINDS:-200 304}
# Pinning: the servers (Promptgate with its PostgreSQL, nginx) on SERVER_CPUS, the load generator on LOAD_CPUS.
on_server_cpus=(); on_load_cpus=()
[ -n "${SERVER_CPUS:-}" ] && on_server_cpus=(taskset -c "$SERVER_CPUS")
[ -n "${LOAD_CPUS:-}" ] && on_load_cpus=(taskset -c "$LOAD_CPUS")
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "Build first: ./mvnw package -DskipTests" >&2; exit 1; }
for tool in nginx wrk curl; do
  command -v "$tool" >/dev/null || { echo "Needs $tool (apt-get install -y nginx wrk curl)" >&2; exit 1; }
done

work=$(mktemp -d)
chmod 755 "$work"   # nginx workers read the bundle as an unprivileged user
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
APP_PORT=$(free_port)
MANAGEMENT_PORT=$(free_port)
NGINX_PORT=$(free_port)
BOOTSTRAP="pg_bt_bench-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
API="http://127.0.0.1:$APP_PORT/api/v1"
AUTH="Authorization: Bearer $BOOTSTRAP"

# People's access tokens are signed with a key made here; the server verifies them with its public half, as it
# would with an identity provider's published key.
OIDC_ENV=()
if [ "$PEOPLE" -gt 0 ]; then
  python3 bench/policy-fetch/people.py keys "$work"
  OIDC_ENV=(QUARKUS_OIDC_TENANT_ENABLED=true "QUARKUS_OIDC_PUBLIC_KEY=$(cat "$work/public.b64")"
    "QUARKUS_OIDC_TOKEN_ISSUER=$ISSUER" QUARKUS_OIDC_TOKEN_AUDIENCE=promptgate PROMPTGATE_BOOTSTRAP_ENABLED=true)
fi

echo "Starting Promptgate on 127.0.0.1:$APP_PORT (embedded PostgreSQL in $work)"
env "${OIDC_ENV[@]}" \
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$APP_PORT PROMPTGATE_BOOTSTRAP_TOKEN=$BOOTSTRAP \
  QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
  PROMPTGATE_EMBEDDED_DATABASE_DATA_DIR="$work/pg" QUARKUS_LOG_LEVEL=WARN \
  "${on_server_cpus[@]}" java ${SERVER_JAVA_OPTS:-} -jar "$JAR" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null || { cat "$work/server.log"; exit 1; }

echo "Setting up a realistic policy: full catalog, 200 blocklist entries, 3 groups, a 5 KB guideline"
post() { curl -fs -o /dev/null -X "$1" -H "$AUTH" -H 'Content-Type: application/json' -d "$3" "$API$2"; }
for i in $(seq 1 200); do
  post POST /blocklist "{\"pattern\":\"blocked-$i.example.com\",\"reason\":\"Not approved ($i)\"}"
done
for g in engineering marketing legal; do
  post POST /groups "{\"name\":\"$g\",\"idpValue\":\"$g\",\"priority\":10}"
done
for key in chatgpt gemini claude midjourney; do
  post PUT "/rules/organization/$key" '{"action":"WARN","message":"No customer data here.","historyReminder":true,"alternative":{"name":"Azure OpenAI","url":"https://oai.azure.com"}}'
done
guideline=$(python3 -c 'import json; print(json.dumps({"title":"Generative AI at work","markdown":"\n\n".join("## Rule %d\n\nNever paste customer data, credentials or source code that is not public into a generative-AI service. Check every answer before you use it." % i for i in range(1,36))}))')
id=$(curl -fs -X POST -H "$AUTH" -H 'Content-Type: application/json' -d "$guideline" "$API/guidelines" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -fs -o /dev/null -X POST -H "$AUTH" -H 'If-Match: "0"' "$API/guidelines/$id/publish"
ENROLL=$(curl -fs -X POST -H "$AUTH" -H 'Content-Type: application/json' -d '{"name":"bench"}' "$API/enrollment-tokens" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
sleep 2
curl -fs -H "Authorization: Bearer $ENROLL" -D "$work/headers" -o "$work/policy.json" "$API/client/policy"
APP_ETAG=$(awk -F': ' 'tolower($1)=="etag"{print $2}' "$work/headers" | tr -d '\r')
echo "Bundle: $(wc -c <"$work/policy.json") bytes, ETag $APP_ETAG"

mkdir -p "$work/www"
cp "$work/policy.json" "$work/www/policy.json"
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $work/www;
    etag on;
    location / { default_type application/json; add_header Cache-Control "private, max-age=300"; }
  }
}
CONF
mkdir -p "$work/tmp"
if [ "$NGINX" = 1 ]; then
  "${on_server_cpus[@]}" nginx -c "$work/nginx.conf"
  sleep 1
  NGINX_ETAG=$(curl -fsI "http://127.0.0.1:$NGINX_PORT/policy.json" | awk -F': ' 'tolower($1)=="etag"{print $2}' | tr -d '\r')
fi

# wrk prints "Requests/sec: N" and, with --latency, " 99%  X.XXms"
measure() { # url connections extra-header...
  local url=$1 conns=$2; shift 2
  local args=()
  for h in "$@"; do args+=(-H "$h"); done
  "${on_load_cpus[@]}" wrk -t"$THREADS" -c"$conns" -d"$DURATION" --latency "${args[@]}" "$url" >"$work/wrk.out"
  local rps p99
  rps=$(awk '/Requests\/sec/{print $2}' "$work/wrk.out")
  p99=$(awk '$1=="99%"{print $2}' "$work/wrk.out")
  echo "$rps $p99"
}
to_ms() { python3 -c "import sys,re; v=sys.argv[1]; n=float(re.sub('[a-z]','',v)); u=re.sub('[0-9.]','',v); print(round(n*{'us':0.001,'ms':1,'s':1000}[u],2))" "$1"; }

# Warm up the JVM before measuring, both answers: its JIT compiler needs far more than a few seconds of load to
# settle (docs/performance.md), and a server in production has long been warm.
for _ in 1 2; do
  "${on_load_cpus[@]}" wrk -t"$THREADS" -c256 -d"$WARMUP" -H "Authorization: Bearer $ENROLL" "$API/client/policy" >/dev/null
  "${on_load_cpus[@]}" wrk -t"$THREADS" -c256 -d"$WARMUP" -H "Authorization: Bearer $ENROLL" -H "If-None-Match: $APP_ETAG" \
    "$API/client/policy" >/dev/null
done

if [ "$NGINX" = 1 ]; then
printf '\n%-6s %5s | %12s %9s | %12s %9s | %6s\n' answer conns "promptgate/s" "p99 ms" "nginx/s" "p99 ms" ratio
for kind in 200 304; do
  for conns in 64 256; do
    if [ "$kind" = 200 ]; then
      read -r app_rps app_p99 < <(measure "$API/client/policy" "$conns" "Authorization: Bearer $ENROLL")
      read -r ngx_rps ngx_p99 < <(measure "http://127.0.0.1:$NGINX_PORT/policy.json" "$conns")
    else
      read -r app_rps app_p99 < <(measure "$API/client/policy" "$conns" "Authorization: Bearer $ENROLL" "If-None-Match: $APP_ETAG")
      read -r ngx_rps ngx_p99 < <(measure "http://127.0.0.1:$NGINX_PORT/policy.json" "$conns" "If-None-Match: $NGINX_ETAG")
    fi
    ratio=$(python3 -c "print(round($app_rps/$ngx_rps, 2))")
    printf '%-6s %5s | %12.0f %9s | %12.0f %9s | %6s\n' "$kind" "$conns" "$app_rps" "$(to_ms "$app_p99")" \
      "$ngx_rps" "$(to_ms "$ngx_p99")" "${ratio}x"
  done
done
fi
if [ "$PEOPLE" -gt 0 ]; then
  echo
  echo "People: $PEOPLE people in $PEOPLE_GROUPS groups, a rule per group; each request is the next person's" \
    "$([ "$PEOPLE_SEND" = token ] && echo "token" || echo "policy session handle, given for their token")"
  for i in $(seq 0 $((PEOPLE_GROUPS - 1))); do
    g=$(printf 'g%02d' "$i")
    gid=$(curl -fs -X POST -H "$AUTH" -H 'Content-Type: application/json' \
      -d "{\"name\":\"$g\",\"idpValue\":\"$g\",\"priority\":$((i + 1))}" "$API/groups" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    action=$([ $((i % 2)) = 0 ] && echo BLOCK || echo ACKNOWLEDGE)
    post PUT "/rules/groups/$gid/gemini" "{\"action\":\"$action\",\"message\":\"For $g\"}"
  done
  python3 bench/policy-fetch/people.py tokens "$work" "$PEOPLE" "$PEOPLE_GROUPS" "$ISSUER"
  sleep 2
  curl -fs -H "Authorization: Bearer $ENROLL" -D "$work/org-headers" -o /dev/null "$API/client/policy"
  ORG_ETAG=$(awk -F': ' 'tolower($1)=="etag"{print $2}' "$work/org-headers" | tr -d '\r')
  start=$(date +%s.%N)
  bundles=$(python3 bench/policy-fetch/people.py etags "$work" "$API/client/policy" "$ENROLL" "$PEOPLE_SEND")
  echo "First fetch of every person (verifies each token once): $bundles distinct bundles," \
    "$(python3 -c "print(round(($(date +%s.%N) - $start), 1))") s for $PEOPLE people one after another"
  # The organization-only requests, as many and as long as the people's: each adds a distinct query (which the
  # server does not read) as long as the header a person's request carries, so that both lists cost the load
  # generator the same and only what the server does with a person's header differs.
  python3 bench/policy-fetch/people.py org "$work" "$ORG_ETAG"
  lua=bench/policy-fetch/people.lua
  for _ in 1 2; do
    "${on_load_cpus[@]}" wrk -t"$THREADS" -c256 -d"$WARMUP" -s "$lua" "$API/client/policy" -- "$work/people.txt" "$ENROLL" >/dev/null
    "${on_load_cpus[@]}" wrk -t"$THREADS" -c256 -d"$WARMUP" -s "$lua" "$API/client/policy" -- "$work/people.txt" "$ENROLL" 304 >/dev/null
  done
  scripted() { # list conns kind
    "${on_load_cpus[@]}" wrk -t"$THREADS" -c"$2" -d"$DURATION" --latency -s "$lua" "$API/client/policy" -- "$1" "$ENROLL" "$3" \
      >"$work/wrk.out"
    if grep -q 'Non-2xx or 3xx' "$work/wrk.out"; then
      echo "Refused answers during the run of $1 ($3, $2 connections):" >&2; cat "$work/wrk.out" >&2
      echo "The server's log, last lines:" >&2; tail -n 40 "$work/server.log" >&2; exit 1
    fi
    echo "$(awk '/Requests\/sec/{print $2}' "$work/wrk.out") $(awk '$1=="99%"{print $2}' "$work/wrk.out")"
  }
  # Alternated rounds: on a shared machine the load of the moment moves both figures; each ratio pairs two runs
  # made one after the other, and the median of the rounds is the figure to read. Odd rounds measure the
  # organization-only fetch first, even rounds the people's, so that what one run leaves behind for the next (garbage,
  # compilations, the processor's caches) does not always fall on the same side.
  printf '\n%-6s %5s %5s | %12s %9s | %12s %9s | %6s\n' answer conns round "people/s" "p99 ms" "org-only/s" \
    "p99 ms" ratio
  for kind in $KINDS; do
    for conns in 64 256; do
      ratios=()
      for round in $(seq 1 "$ROUNDS"); do
        if (( round % 2 )); then
          read -r org_rps org_p99 < <(scripted "$work/org.txt" "$conns" "$kind")
          read -r ppl_rps ppl_p99 < <(scripted "$work/people.txt" "$conns" "$kind")
        else
          read -r ppl_rps ppl_p99 < <(scripted "$work/people.txt" "$conns" "$kind")
          read -r org_rps org_p99 < <(scripted "$work/org.txt" "$conns" "$kind")
        fi
        ratio=$(python3 -c "print(round($ppl_rps/$org_rps, 2))")
        ratios+=("$ratio")
        printf '%-6s %5s %5s | %12.0f %9s | %12.0f %9s | %6s\n' "$kind" "$conns" "$round" "$ppl_rps" \
          "$(to_ms "$ppl_p99")" "$org_rps" "$(to_ms "$org_p99")" "${ratio}x"
      done
      median=$(python3 -c "import statistics,sys; print(statistics.median(map(float, sys.argv[1:])))" "${ratios[@]}")
      echo "$kind $conns median people/org-only: ${median}x" >>"$work/medians"
    done
  done
  echo
  cat "$work/medians"
fi
rss_kb=$(awk '/VmRSS/{print $2}' "/proc/$server_pid/status")
echo
echo "Promptgate resident memory after the runs: $((rss_kb / 1024)) MiB"
