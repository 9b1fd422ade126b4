#!/usr/bin/env bash
# Does the sign-in page tell, by its answer or its time, whether a username exists?
# Starts `./vigie serve` twice on a scratch data folder (loopback only) and times the password
# step (POST /login) with curl, the two cases interleaved so that drift hits both alike:
#   1. a wrong password: an existing account against an unknown name (locks off);
#   2. a locked name: an existing account locked by its failures against an unknown name given as
#      many failures (first lock 1 hour, so that it holds during the run).
# Prints, per case, the answers seen and the median and 90th percentile of the POST's time.
#
#   vigie-bench/scripts/sign-in-timing.sh [N] [PORT]      (default 100 attempts a case, 18095)
#
# The per-address throttle is raised out of the way: this measures the name, not the address.
set -euo pipefail
N=${1:-100}
PORT=${2:-18095}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$(mktemp -d "${TMPDIR:-/tmp}/vigie-sign-in-timing.XXXXXX")
BASE=http://127.0.0.1:$PORT
EXISTING=timing.existant
PASSWORD=un-mot-de-passe-de-mesure
SERVER=
export VIGIE_HOME=$DATA VIGIE_BIND=127.0.0.1 VIGIE_SECURITY_ADDRESS_FAILURES_BEFORE_LOCK=1000000

stop() {
  if [ -n "$SERVER" ]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    SERVER=
  fi
}
trap 'stop; rm -rf "$DATA"' EXIT

serve() {  # accountFailuresBeforeLock
  VIGIE_SECURITY_ACCOUNT_FAILURES_BEFORE_LOCK=$1 VIGIE_SECURITY_FIRST_LOCK=1h \
    "$ROOT/vigie" serve --port "$PORT" > "$DATA/serve.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 180); do
    curl -sf "$BASE/actuator/health" > /dev/null 2>&1 && return 0
    kill -0 "$SERVER" 2>/dev/null || { cat "$DATA/serve.log" >&2; exit 1; }
    sleep 1
  done
  echo "the server did not start in 180 s" >&2
  exit 1
}

attempt() {  # username -> "seconds redirect"
  local jar=$DATA/cookies csrf
  rm -f "$jar"
  csrf=$(curl -s -c "$jar" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p')
  curl -s -o /dev/null -b "$jar" -w '%{time_total} %{redirect_url}\n' \
    --data-urlencode "username=$1" --data-urlencode "password=pas-le-bon-$RANDOM" \
    --data-urlencode "_csrf=$csrf" "$BASE/login"
}

report() {  # label, file of "seconds redirect" lines
  local times answers
  times=$(cut -d' ' -f1 "$2" | sort -n)
  answers=$(cut -d' ' -f2 "$2" | sed 's|.*/login|/login|' | sort | uniq -c | tr -s ' ' \
    | paste -sd, -)
  printf '%-34s median %6.1f ms  p90 %6.1f ms  answers:%s\n' "$1" \
    "$(echo "$times" | awk -v n="$N" 'NR == int((n + 1) / 2) { print $1 * 1000 }')" \
    "$(echo "$times" | awk -v n="$N" 'NR == int(n * 0.9) { print $1 * 1000 }')" "$answers"
}

printf '%s\n' "$PASSWORD" | "$ROOT/vigie" user add "$EXISTING" --role ANALYST --password-stdin \
  > /dev/null

echo "== wrong password, no lock ($N attempts each)"
serve 1000000
for _ in 1 2 3 4 5; do attempt "$EXISTING" > /dev/null; attempt "absent.$RANDOM" > /dev/null; done
: > "$DATA/a"; : > "$DATA/b"
for i in $(seq "$N"); do
  attempt "$EXISTING" >> "$DATA/a"
  attempt "absent.$i.$RANDOM" >> "$DATA/b"
done
report "existing account" "$DATA/a"
report "unknown name" "$DATA/b"
stop

echo "== locked name ($N attempts each, after one failure locks it)"
serve 1
attempt "$EXISTING" > /dev/null
attempt "absent.verrou" > /dev/null
: > "$DATA/a"; : > "$DATA/b"
for i in $(seq "$N"); do
  attempt "$EXISTING" >> "$DATA/a"
  attempt "absent.verrou" >> "$DATA/b"
done
report "existing account, locked" "$DATA/a"
report "unknown name, same failures" "$DATA/b"
