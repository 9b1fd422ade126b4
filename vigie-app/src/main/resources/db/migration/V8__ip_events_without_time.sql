-- A CyberTipline IP event may come without any dateTime: the address is still a lead (it links
-- reports) though it cannot be attributed. occurred_at is then null and offset_missing true.
alter table ip_events alter column occurred_at drop not null;
