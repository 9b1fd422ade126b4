#!/usr/bin/env bash
# Times `vigie import reports` on N generated CyberTipline reports (default 250,000) into a fresh
# embedded H2 home and into a fresh PostgreSQL database, with the heap capped at 512 MB and its
# peak read from the GC log; then loads the very same rows into an identical empty PostgreSQL
# schema with COPY (the floor for getting those rows in) and prints the ratio Vigie/COPY.
#
# Usage, from the repository root, after
#   mvn -B -o package -pl vigie-app,vigie-bench -am -DskipTests
# run:
#   vigie-bench/scripts/intake-benchmark.sh [N] [WORK_DIR]
# Needs psql and a PostgreSQL server (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432 postgres) on
# which it may create and drop the databases vigie_bench_import and vigie_bench_copy.
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

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
# Peak heap in use (MB) seen by the GC log: the largest "before" of any collection.
# User + system CPU seconds of a timed process.
cpu() { awk '{ printf "%.1f", $1 + $2 }' "$1"; }
peak_heap() { grep -o '[0-9]*M->[0-9]*M' "$1" | cut -dM -f1 | sort -n | tail -1; }

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
if [ ! -f "$tips" ]; then
  "$java" -cp "$bench" fr.vigie.bench.CyberTipGenerator "$n" "$tips"
fi
echo "input: $n reports, $(du -m "$tips" | cut -f1) MB"

# Each timed run starts with nothing left for the disk to write from the one before (sync):
# the H2 run leaves gigabytes of dirty pages whose write-back otherwise lands in the next run.

# --- H2, a fresh home each run
rm -rf "$work/h2-home"
sync
t0=$(now)
/usr/bin/time -f "%U %S" -o "$work/h2.cpu" "$java" -Xmx512m -Xlog:gc:file="$work/gc-h2.log" -jar "$app" import reports "$tips" \
  --home "$work/h2-home" > "$work/h2.out" 2> "$work/h2.err"
t1=$(now)
h2=$(secs "$t0" "$t1")
echo "H2:         $(printf %.1f "$h2") s wall (JVM start included), $(cpu "$work/h2.cpu") s CPU, peak heap $(peak_heap "$work/gc-h2.log") MB; $(grep -E '^Reports:' "$work/h2.out")"

# --- PostgreSQL, a fresh database each run
psql -qX -d postgres -c "drop database if exists vigie_bench_import" \
  -c "drop database if exists vigie_bench_copy" -c "create database vigie_bench_import" \
  -c "create database vigie_bench_copy" > /dev/null
sync
t0=$(now)
VIGIE_DB_URL="$pg_url/vigie_bench_import" VIGIE_DB_USER="$PGUSER" \
  VIGIE_DB_PASSWORD="${PGPASSWORD:-}" \
  /usr/bin/time -f "%U %S" -o "$work/pg.cpu" "$java" -Xmx512m -Xlog:gc:file="$work/gc-pg.log" -jar "$app" import reports "$tips" \
  --home "$work/pg-home" > "$work/pg.out" 2> "$work/pg.err"
t1=$(now)
pg=$(secs "$t0" "$t1")
echo "PostgreSQL: $(printf %.1f "$pg") s wall (JVM start included), $(cpu "$work/pg.cpu") s CPU of the JVM, peak heap $(peak_heap "$work/gc-pg.log") MB; $(grep -E '^Reports:' "$work/pg.out")"
job=$(psql -qtAX -d vigie_bench_import -c "select round(extract(epoch from finished_at - started_at), 1) from import_jobs")
echo "            of which the import job itself (started_at to finished_at): $job s"

# --- COPY floor: the same rows, as CSV, into an identical empty schema (indexes, constraints)
tables="sources import_jobs reports report_persons reported_identifiers ip_events media victim_hints"
pg_dump -s -d vigie_bench_import | psql -qX -d vigie_bench_copy > /dev/null
for t in $tables; do
  psql -qX -d vigie_bench_import -c "\\copy (select * from $t order by id) to '$work/$t.csv' csv"
done
echo "CSV: $(du -cm "$work"/*.csv | tail -1 | cut -f1) MB"
sync
t0=$(now)
for t in $tables; do
  psql -qX -d vigie_bench_copy -c "\\copy $t from '$work/$t.csv' csv"
done
t1=$(now)
copy=$(secs "$t0" "$t1")
echo "COPY:       $(printf %.1f "$copy") s for the same rows"
echo "ratio Vigie/COPY on PostgreSQL: $(echo "scale=2; $job / $copy" | bc) (import job), $(echo "scale=2; $pg / $copy" | bc) (whole command, JVM start included)"
for t in reports report_persons reported_identifiers ip_events media; do
  a=$(psql -qtAX -d vigie_bench_import -c "select count(*) from $t")
  b=$(psql -qtAX -d vigie_bench_copy -c "select count(*) from $t")
  echo "  $t: $a rows (COPY: $b)"
done
rm -f "$work"/*.csv
