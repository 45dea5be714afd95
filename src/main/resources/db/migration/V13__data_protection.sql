-- Data protection (docs/adr/0019-data-protection-on-the-device.md): what dlp_detected events carry. Fixed words and
-- bounded numbers only; the text that matched never reaches the server.
alter table client_event
    add column dlp_detector      text,
    add column dlp_matches       integer,
    add column dlp_trigger       text,
    add column dlp_outcome       text,
    add column dlp_justification smallint,
    add column dlp_file_type     text,
    add column dlp_size_bucket   text;
