-- An event's key includes the enrollment token that sent it (docs/adr/0015-verified-events.md). Before, a holder of
-- one token could send an event with another browser's id and time: it was taken as a resend, counted as a
-- duplicate and not stored, so one token could shadow another's events and learn whether an id existed. Now the
-- same id and time from another token is a different event. The partition column stays in the key, as PostgreSQL
-- requires of a partitioned table; changing the parent's key changes every partition's.
alter table client_event drop constraint client_event_pkey;
alter table client_event add primary key (id, occurred_at, token_id);
