#!/usr/bin/env bash
# Times `vigie import reports` on N generated CyberTipline reports (default 250,000), side by side:
#   1. into the default store, the embedded PostgreSQL 18 of a fresh data folder;
#   2. into a PostgreSQL server (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432 postgres), a fresh
#      database vigie_bench_import, for comparison;
#   3. PostgreSQL's own COPY of the very same rows into an identical empty schema on the embedded
#      server (the floor for getting those rows in), and the ratio Vigie/COPY.
# The heap is capped at 512 MB and its peak read from the GC log.
#
# Usage, from the repository root, after
#   mvn -B -o package -pl vigie-app,vigie-bench -am -DskipTests
# run:
#   vigie-bench/scripts/intake-benchmark.sh [N] [WORK_DIR]
# Needs psql (any version from 15 on). Set SKIP_SERVER=1 to leave out step 2.
set -euo pipefail
n=${1:-250000}
work=${2:-${TMPDIR:-/tmp}/vigie-intake-bench}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
app=vigie-app/target/vigie.jar
bench=vigie-bench/target/benchmarks.jar
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
pg_url="jdbc:postgresql://$PGHOST:$PGPORT"
mkdir -p "$work"
tips="$work/tips-$n.xml"
home="$work/embedded-home"

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
# User + system CPU seconds of a timed process.
cpu() { awk '{ printf "%.1f", $1 + $2 }' "$1"; }
# Peak heap in use (MB) seen by the GC log: the largest "before" of any collection.
peak_heap() { grep -o '[0-9]*M->[0-9]*M' "$1" | cut -dM -f1 | sort -n | tail -1; }

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
if [ ! -f "$tips" ]; then
  "$java" -cp "$bench" fr.vigie.bench.CyberTipGenerator "$n" "$tips"
fi
echo "input: $n reports, $(du -m "$tips" | cut -f1) MB"

# Each timed run starts with nothing left for the disk to write from the one before (sync).

# --- 1. The default store: the embedded PostgreSQL of a fresh data folder
rm -rf "$home"
sync
t0=$(now)
env -u VIGIE_DB_URL /usr/bin/time -f "%U %S" -o "$work/emb.cpu" "$java" -Xmx512m \
  -Xlog:gc:file="$work/gc-emb.log" -jar "$app" import reports "$tips" --home "$home" \
  > "$work/emb.out" 2> "$work/emb.err" || { echo "the import failed: $work/emb.err" >&2; exit 1; }
t1=$(now)
emb=$(secs "$t0" "$t1")
echo "embedded PostgreSQL: $(printf %.1f "$emb") s wall (JVM start and the server's start included), $(cpu "$work/emb.cpu") s CPU of the JVM, peak heap $(peak_heap "$work/gc-emb.log") MB; $(grep -E '^Reports:' "$work/emb.out")"

# Join the embedded server (the import stopped it when it ended) to read it with psql.
coproc HOLD { "$java" -cp "$bench" fr.vigie.bench.HoldEmbedded "$home"; }
read -r emb_port emb_password <&"${HOLD[0]}"
emb_psql() { PGPASSWORD="$emb_password" psql -qtAX -h 127.0.0.1 -p "$emb_port" -U vigie "$@"; }
job=$(emb_psql -d vigie -c "select round(extract(epoch from finished_at - started_at), 1) from import_jobs")
echo "            of which the import job itself (started_at to finished_at): $job s"
echo "            server: $(emb_psql -d vigie -c 'show server_version'), shared_buffers $(emb_psql -d vigie -c 'show shared_buffers')"

# --- 2. A PostgreSQL server, for comparison
if [ -z "${SKIP_SERVER:-}" ]; then
  psql -qX -d postgres -c "drop database if exists vigie_bench_import" \
    -c "create database vigie_bench_import" > /dev/null
  sync
  t0=$(now)
  VIGIE_DB_URL="$pg_url/vigie_bench_import" VIGIE_DB_USER="$PGUSER" \
    VIGIE_DB_PASSWORD="${PGPASSWORD:-}" \
    /usr/bin/time -f "%U %S" -o "$work/pg.cpu" "$java" -Xmx512m -Xlog:gc:file="$work/gc-pg.log" \
    -jar "$app" import reports "$tips" --home "$work/pg-home" > "$work/pg.out" 2> "$work/pg.err"
  t1=$(now)
  pg=$(secs "$t0" "$t1")
  pg_job=$(psql -qtAX -d vigie_bench_import -c "select round(extract(epoch from finished_at - started_at), 1) from import_jobs")
  echo "PostgreSQL server $(psql -qtAX -d postgres -c 'show server_version'): $(printf %.1f "$pg") s wall, import job $pg_job s, $(cpu "$work/pg.cpu") s CPU of the JVM, peak heap $(peak_heap "$work/gc-pg.log") MB; $(grep -E '^Reports:' "$work/pg.out")"
fi

# --- 3. COPY floor on the embedded server: the same rows, as CSV, into an identical empty schema
# (made by Vigie's own migrations, then emptied of intake's rows)
tables="sources import_jobs reports report_persons reported_identifiers ip_events media victim_hints report_not_kept report_device_ids"
emb_psql -d vigie -c "drop database if exists vigie_copy" -c "create database vigie_copy" > /dev/null
VIGIE_DB_URL="jdbc:postgresql://127.0.0.1:$emb_port/vigie_copy" VIGIE_DB_USER=vigie \
  VIGIE_DB_PASSWORD="$emb_password" "$java" -jar "$app" status --home "$work/copy-home" > /dev/null
emb_psql -d vigie_copy -c "truncate ${tables// /, } cascade" > /dev/null
for t in $tables; do
  emb_psql -d vigie -c "\\copy (select * from $t order by id) to '$work/$t.csv' csv"
done
echo "CSV: $(du -cm "$work"/*.csv | tail -1 | cut -f1) MB"
sync
t0=$(now)
for t in $tables; do
  emb_psql -d vigie_copy -c "\\copy $t from '$work/$t.csv' csv"
done
t1=$(now)
copy=$(secs "$t0" "$t1")
echo "COPY:       $(printf %.1f "$copy") s for the same rows (embedded PostgreSQL)"
echo "ratio Vigie/COPY on the default store: $(echo "scale=2; $job / $copy" | bc) (import job), $(echo "scale=2; $emb / $copy" | bc) (whole command, JVM and server start included)"
for t in reports report_persons reported_identifiers ip_events media report_not_kept; do
  a=$(emb_psql -d vigie -c "select count(*) from $t")
  b=$(emb_psql -d vigie_copy -c "select count(*) from $t")
  echo "  $t: $a rows (COPY: $b)"
done
emb_psql -d vigie -c "drop database vigie_copy" > /dev/null
rm -f "$work"/*.csv
exec {HOLD[1]}>&-
wait "$HOLD_PID" 2>/dev/null || true
