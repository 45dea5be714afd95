-- The event list's commonest questions are "what did this device do" and "what did this person do": without
-- these indexes each scans every event of the time range (most of a second at ten million events). They cost
-- the database a few microseconds per stored event (docs/performance.md, docs/adr/0007-event-storage.md).
create index client_event_device_idx on client_event (device_id, occurred_at);
create index client_event_user_idx on client_event (user_hash, occurred_at);
