-- Detections per UTC day, group ('' = everyone), detector, service ('' = none named), action applied and what the
-- person chose: what the data-protection report reads. Recomputed with the day's other rollups.
create table dlp_daily_count (
    grp          text   not null,
    day          date   not null,
    detector     text   not null,
    service_key  text   not null,
    action       text   not null,
    outcome      text   not null,
    events       bigint not null,
    primary key (grp, day, detector, service_key, action, outcome)
);
