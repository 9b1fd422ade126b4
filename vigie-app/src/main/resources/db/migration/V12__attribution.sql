-- Attribution of IP events (docs/attribution.md): where each event goes and why, the operators
-- directory's seed, and what requisitions and operators' answers need beyond V1's tables.

-- One row per IP event once attributed; re-attribution replaces it (the decision depends on the
-- GeoIP databases, the operators directory and today's date, all of which change). The event's
-- address, port, instant and report are copied so that attribution's pages and referrals read
-- attribution's own table only.
create table ip_attributions (
  ip_event_id      bigint       primary key references ip_events (id),
  report_id        bigint       not null,
  report_ref       varchar(160) not null,
  ip               varchar(45)  not null,
  port             integer,
  occurred_at      timestamp with time zone,
  outcome          varchar(16)  not null check (outcome in ('FRANCE', 'FOREIGN', 'PORT_NEEDED', 'EXPIRED', 'UNATTRIBUTED')),
  reason_code      varchar(32),
  reason           varchar      not null,
  country_code     varchar(2),
  asn              bigint,
  as_organization  varchar(200),
  operator_id      bigint       references operators (id),
  cgnat_range      varchar(49),
  expired_on       date,
  import_job_id    bigint,
  attributed_at    timestamp with time zone not null
);
create index ip_attributions_outcome on ip_attributions (outcome, operator_id);
create index ip_attributions_country on ip_attributions (country_code, outcome);

-- The kind of procedure decides the article of the Code de procédure pénale quoted.
alter table requisitions add column procedure_type varchar(16);
alter table requisition_answers add column accepted integer not null default 0;
alter table requisition_answers add column rejected integer not null default 0;
-- The unit responsible for where the subscriber lives (postal code → département → unit).
alter table subscribers add column unit_id bigint references units (id);
alter table subscribers add column answer_line bigint;
create index requisition_items_by_event on requisition_items (ip_event_id);

-- Operators' seed. Contacts are placeholders (example domains) for the administrator to replace;
-- ASNs are the operators' public ones. The CGNAT ranges are DOCUMENTATION ranges (RFC 5737)
-- standing in for the real, confidential ones, so that tests and the demo can reach them.
insert into operators (code, name, legal_contact, legal_email, portal_url, answer_delay_days, retention_days)
values ('ORANGE', 'Orange', 'Orange — service des réquisitions judiciaires', 'requisitions@orange.example', 'https://requisitions.orange.example/', 15, 365);
insert into operators (code, name, legal_contact, legal_email, portal_url, answer_delay_days, retention_days)
values ('SFR', 'SFR', 'SFR — pôle réquisitions judiciaires', 'requisitions@sfr.example', 'https://requisitions.sfr.example/', 15, 365);
insert into operators (code, name, legal_contact, legal_email, portal_url, answer_delay_days, retention_days)
values ('BOUYGUES', 'Bouygues Telecom', 'Bouygues Telecom — cellule réquisitions', 'requisitions@bouygues.example', 'https://requisitions.bouygues.example/', 10, 365);
insert into operators (code, name, legal_contact, legal_email, portal_url, answer_delay_days, retention_days)
values ('FREE', 'Free', 'Free / Iliad — service juridique, réquisitions', 'requisitions@free.example', 'https://requisitions.free.example/', 20, 365);
insert into operators (code, name, legal_contact, legal_email, portal_url, answer_delay_days, retention_days)
values ('FREE-MOBILE', 'Free Mobile', 'Free Mobile — service juridique, réquisitions', 'requisitions@freemobile.example', 'https://requisitions.free.example/', 20, 365);
insert into operators (code, name, legal_contact, legal_email, portal_url, answer_delay_days, retention_days)
values ('OVHCLOUD', 'OVHcloud', 'OVHcloud — legal requests', 'legal-requests@ovhcloud.example', null, 30, 365);
insert into operators (code, name, legal_contact, legal_email, portal_url, answer_delay_days, retention_days)
values ('SCALEWAY', 'Scaleway', 'Scaleway — réquisitions', 'requisitions@scaleway.example', null, 30, 365);

insert into operator_asns (operator_id, asn) values ((select id from operators where code = 'ORANGE'), 3215);
insert into operator_asns (operator_id, asn) values ((select id from operators where code = 'ORANGE'), 5511);
insert into operator_asns (operator_id, asn) values ((select id from operators where code = 'SFR'), 15557);
insert into operator_asns (operator_id, asn) values ((select id from operators where code = 'BOUYGUES'), 5410);
insert into operator_asns (operator_id, asn) values ((select id from operators where code = 'BOUYGUES'), 12844);
insert into operator_asns (operator_id, asn) values ((select id from operators where code = 'FREE'), 12322);
insert into operator_asns (operator_id, asn) values ((select id from operators where code = 'FREE-MOBILE'), 51207);
insert into operator_asns (operator_id, asn) values ((select id from operators where code = 'OVHCLOUD'), 16276);
insert into operator_asns (operator_id, asn) values ((select id from operators where code = 'SCALEWAY'), 12876);

insert into operator_cgnat_ranges (operator_id, cidr, note) values ((select id from operators where code = 'ORANGE'), '198.51.100.0/26', 'documentation range standing for mobile CGNAT (seed)');
insert into operator_cgnat_ranges (operator_id, cidr, note) values ((select id from operators where code = 'SFR'), '198.51.100.64/26', 'documentation range standing for mobile CGNAT (seed)');
insert into operator_cgnat_ranges (operator_id, cidr, note) values ((select id from operators where code = 'BOUYGUES'), '203.0.113.0/26', 'documentation range standing for mobile CGNAT (seed)');
insert into operator_cgnat_ranges (operator_id, cidr, note) values ((select id from operators where code = 'FREE-MOBILE'), '203.0.113.64/26', 'documentation range standing for mobile CGNAT (seed)');
