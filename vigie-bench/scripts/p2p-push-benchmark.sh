#!/usr/bin/env bash
# The whole P2P chain under load: three sensors push signed observation lines into a running Vigie
# at once (POST /api/p2p/observations), and the backlog is read from its database.
#   1. a fresh data folder; three sensors, each its own Ed25519 key (./vigie p2p keygen) registered
#      (p2p register-sensor), a SENSOR account and token each (user add, user token); one watch
#      entry (p2p watch add --infohash);
#   2. `vigie serve` on 127.0.0.1 (heap capped at 512 MB, GC log for its peak);
#   3. run A, paced: PACED lines per sensor at RATE lines/s each, one line a request, as a
#      sensor's round trickles in (100,000 a day over three sensors is 0.39 lines/s each);
#   4. run B, as fast as the platform answers: FAST lines per sensor, BATCH lines a request;
#   5. each run prints accepted lines/s, the request latency p50/p95/max, the backlog seen and how
#      long after the last push it emptied (fr.vigie.bench.P2pPushBenchmark says what backlog
#      means), then the server's peak heap and the rows the database holds.
# Bounded: the runs' sizes are arguments, the server's start is waited for 180 s at most, each
# run's drain 5 minutes at most. Only the processes started here are stopped, by their PID.
#
# Usage, from the repository root, after
#   mvn -B -o package -pl vigie-app,vigie-bench -am -DskipTests
# run:
#   vigie-bench/scripts/p2p-push-benchmark.sh [PACED] [RATE] [FAST] [BATCH] [PORT] [WORK_DIR]
# (default 1000 lines a sensor at 2 lines/s, then 20000 a sensor, 500 a request, port 18096).
set -euo pipefail
paced=${1:-1000}
rate=${2:-2}
fast=${3:-20000}
batch=${4:-500}
port=${5:-18096}
work=${6:-$(mktemp -d "${TMPDIR:-/tmp}/vigie-p2p-push.XXXXXX")}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
app=vigie-app/target/vigie.jar
bench=vigie-bench/target/benchmarks.jar
home="$work/home"
base=http://127.0.0.1:$port
infohash=$(printf 'vigie p2p push benchmark' | sha1sum | cut -d' ' -f1)
server=
hold_pid=

vigie() { "$java" --enable-native-access=ALL-UNNAMED -jar "$app" "$@" --home "$home"; }
peak_heap() { grep -o '[0-9]*M->[0-9]*M' "$1" | cut -dM -f1 | sort -n | tail -1; }
stop() {
  if [ -n "$hold_pid" ]; then
    exec {HOLD[1]}>&- 2>/dev/null || true
    wait "$hold_pid" 2>/dev/null || true
    hold_pid=
  fi
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=
  fi
}
trap stop EXIT

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
rm -rf "$home"
mkdir -p "$work/keys"
sensors=()
for s in capteur-paris-1 capteur-lyon-1 capteur-lille-1; do
  vigie p2p keygen --out "$work/keys/$s.key" > /dev/null
  vigie p2p register-sensor --name "$s" --public-key "$work/keys/$s.key.pub" > /dev/null
  printf 'un-mot-de-passe-de-sonde-%s\n' "$RANDOM$RANDOM" | vigie user add "sonde.${s#capteur-}" \
    --role SENSOR --name "Sonde $s" --password-stdin > /dev/null
  vigie user token "sonde.${s#capteur-}" --label "$s" --days 1 > "$work/keys/$s.token" 2> /dev/null
  sensors+=("$s:$work/keys/$s.key:$work/keys/$s.token")
done
vigie p2p watch add --infohash "$infohash" --provenance case:BENCH-P2P-1 > /dev/null

VIGIE_BIND=127.0.0.1 "$java" --enable-native-access=ALL-UNNAMED -Xmx512m \
  -Xlog:gc:file="$work/gc-serve.log" -jar "$app" serve --port "$port" --home "$home" \
  > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 180); do
  curl -sf "$base/actuator/health" > /dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { tail -40 "$work/serve.log" >&2; exit 1; }
  sleep 1
done
curl -sf "$base/actuator/health" > /dev/null || { echo "the server did not start in 180 s" >&2; exit 1; }

# Join the server's embedded PostgreSQL (a lease next to the server's) to read the backlog.
coproc HOLD { "$java" -cp "$bench" fr.vigie.bench.HoldEmbedded "$home"; }
hold_pid=$HOLD_PID
read -r db_port db_password <&"${HOLD[0]}"

echo "== A: paced, $paced lines a sensor at $rate lines/s each, one line a request"
"$java" -Xmx256m -cp "$bench" fr.vigie.bench.P2pPushBenchmark "$base" "$db_port" "$db_password" \
  "$infohash" "$paced" "$rate" 1 "${sensors[@]}"
echo "== B: as fast as answered, $fast lines a sensor, $batch lines a request"
"$java" -Xmx512m -cp "$bench" fr.vigie.bench.P2pPushBenchmark "$base" "$db_port" "$db_password" \
  "$infohash" "$fast" 0 "$batch" "${sensors[@]}"

q() { PGPASSWORD="$db_password" psql -qtAX -h 127.0.0.1 -p "$db_port" -U vigie -d vigie -c "$1"; }
if command -v psql > /dev/null; then
  echo "rows: p2p_observations $(q 'select count(*) from p2p_observations'), P2P reports $(q "select count(*) from reports r join sources s on s.id = r.source_id where s.code = 'P2P'" 2>/dev/null || echo '?'), ip_attributions $(q 'select count(*) from ip_attributions'), audit entries $(q 'select count(*) from audit_log' 2>/dev/null || echo '?')"
fi
echo "server: peak heap $(peak_heap "$work/gc-serve.log") MB (of 512), $(grep -c 'Pause' "$work/gc-serve.log") GC pauses"
stop
echo "work folder: $work"
