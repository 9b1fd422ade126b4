-- The report list (/signalements) pages by keyset, newest received first: each filter walks an
-- index that ends with (received_at, id), so that the first page, page 10,000 and a filtered
-- page each read about one page of rows (see docs/benchmarks.md, "Report list").
-- (received_at, id) replaces (received_at); (incident_type, received_at, id) replaces
-- (incident_type, received_at): the longer indexes serve every query the shorter ones did.
drop index if exists reports_received;
drop index if exists reports_incident_type;
create index reports_received_id on reports (received_at, id);
create index reports_source_received on reports (source_id, received_at, id);
create index reports_type_received on reports (incident_type, received_at, id);
create index reports_status_received on reports (status, received_at, id);
create index reports_departement_received on reports (departement_code, received_at, id);
-- A job's page and the progress of a running import count its reports: reports_import_job,
-- created by V11 (media content), which databases already had before this file existed.
-- The département filter also looks for reported persons by postal code range; with report_id
-- in the index it is answered from the index alone.
create index report_persons_postal_code on report_persons (postal_code, report_id);
