#!/usr/bin/env bash
# Report list (/signalements) at one million reports, on PostgreSQL: builds a scratch schema with
# Vigie's own migrations, inserts N minimal reports (and one person each), then runs the exact
# queries IntakeViews.reports issues (first page, a deep page, filtered pages) under
# EXPLAIN (ANALYZE, BUFFERS) and prints each plan with its execution time.
#
#   vigie-bench/scripts/report-list-bench.sh [N]          (default 1000000)
#   PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=test      (the defaults)
#
# The schema is dropped at the end. Keep the queries below in step with
# vigie-app/src/main/java/fr/vigie/app/intake/internal/IntakeViews.java.
set -euo pipefail
N=${1:-1000000}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
HERE=$(cd "$(dirname "$0")/../.." && pwd)
MIGRATIONS=$HERE/vigie-app/src/main/resources/db/migration
SCHEMA=bench_report_list
PSQL=(psql -X -q -v ON_ERROR_STOP=1)

"${PSQL[@]}" -c "drop schema if exists $SCHEMA cascade; create schema $SCHEMA;"
trap '"${PSQL[@]}" -c "drop schema if exists $SCHEMA cascade;"' EXIT
# The shared migrations in version order (the PostgreSQL-only V4 is about the audit log: skipped).
for f in $(ls "$MIGRATIONS"/V*__*.sql | sort -t V -k2 -n); do
  (echo "set search_path = $SCHEMA;"; cat "$f") | "${PSQL[@]}" -f - >/dev/null
done

start=$(date +%s)
"${PSQL[@]}" <<SQL
set search_path = $SCHEMA;
insert into sources (code, name, kind, country) values
  ('NCMEC', 'NCMEC CyberTipline', 'NCMEC', 'US'), ('PHAROS', 'PHAROS', 'PLATFORM', 'FR'),
  ('SAISIE', 'Saisie manuelle', 'MANUAL', null);
-- One report every 30 s from 2025-01-01 (a year is about 1M): 90 % NCMEC; incident types skewed
-- like real traffic (most are Child Pornography, Child Sex Tourism is rare); 97 % NEW, 2 %
-- NO_ACTION, 1 % LINKED; a département known for one report in five.
insert into reports (source_id, external_id, content_sha256, incident_type, received_at, status,
  departement_code, raw_format)
select case when i % 10 = 0 then 2 when i % 97 = 0 then 3 else 1 end,
  'B' || i, md5(i::text),
  case when i % 100 < 80 then 'Child Pornography (possession, manufacture, and distribution)'
       when i % 100 < 95 then 'Online Enticement of Children for Sexual Acts'
       when i % 1000 = 999 then 'Child Sex Tourism'
       else 'Unsolicited Obscene Material Sent to a Child' end,
  timestamptz '2025-01-01 00:00:00+00' + i * interval '30 seconds',
  case when i % 100 < 2 then 'NO_ACTION' when i % 100 = 2 then 'LINKED' else 'NEW' end,
  case when i % 5 = 0 then (select code from departements order by code
                            offset (i / 5) % 101 limit 1) end,
  'DEMO'
from generate_series(1, $N) as i;
analyze reports;
-- One reported person each; half of them with a postal code.
insert into report_persons (report_id, role, postal_code)
select id, 'REPORTED', case when id % 2 = 0 then lpad(((id * 7919) % 95 + 1)::text, 2, '0')
  || lpad(((id * 31) % 1000)::text, 3, '0') end
from reports;
vacuum analyze;
SQL
echo "inserted $N reports and $N persons in $(( $(date +%s) - start )) s"

run() {  # title, where-clause additions; run twice: the first timing is with a colder cache
  echo
  echo "=== $1"
  "${PSQL[@]}" <<SQL | grep "Execution Time" | sed 's/^ */first run: /'
set search_path = $SCHEMA;
explain (analyze, costs off, summary on)
select r.id from reports r join sources s on s.id = r.source_id
where 1 = 1 $2
order by r.received_at desc, r.id desc limit 51;
SQL
  "${PSQL[@]}" <<SQL
set search_path = $SCHEMA;
explain (analyze, buffers, costs off, summary on)
select r.id, s.code as source_code, r.external_id, r.version, r.incident_type,
  r.received_at, r.status, r.departement_code, r.high_priority
from reports r join sources s on s.id = r.source_id
where 1 = 1 $2
order by r.received_at desc, r.id desc limit 51;
SQL
}

# A cursor half-way down (page 10,000 of 50 rows).
MID=$("${PSQL[@]}" -At -c "set search_path = $SCHEMA; select received_at || '|' || id from reports order by received_at desc, id desc offset 500000 limit 1" | tail -1)
AT=${MID%|*}; ID=${MID#*|}
# A cursor near the end, for a filter whose rows are spread over the whole year.
run "first page, no filter" ""
run "deep page (after row 500,000), no filter" "and (r.received_at, r.id) < ('$AT', $ID)"
run "first page, source PHAROS" "and r.source_id = (select id from sources where code = 'PHAROS')"
run "deep page, source PHAROS" "and r.source_id = (select id from sources where code = 'PHAROS') and (r.received_at, r.id) < ('$AT', $ID)"
run "first page, rare incident type (0.1 %)" "and r.incident_type = 'Child Sex Tourism'"
run "first page, status NO_ACTION, period March 2025 (Paris)" "and r.received_at >= '2025-02-28T23:00:00Z' and r.received_at < '2025-03-31T22:00:00Z' and r.status = 'NO_ACTION'"
dep() {  # département code, postal code range low and high
  echo "and (r.departement_code = '$1' or exists (select 1 from report_persons p where p.report_id = r.id and p.postal_code between '$2' and '$3'))"
}
run "first page, département 69 (attribution or postal code)" "$(dep 69 69000 69999)"
run "deep page, département 69" "$(dep 69 69000 69999) and (r.received_at, r.id) < ('$AT', $ID)"
run "first page, département 971 (0.2 % of reports: attribution only)" "$(dep 971 97100 97199)"
run "first page, département 69 and status NO_ACTION (0.01 %)" "$(dep 69 69000 69999) and r.status = 'NO_ACTION'"
run "first page, département 98 (no report at all: the worst case)" "$(dep 98 98000 98999)"
