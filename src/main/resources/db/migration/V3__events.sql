-- Client events, acknowledgements and the daily rollups that reports read (see docs/adr/0007-event-storage.md).

-- What browsers report, one row per event, partitioned by the UTC day it happened. The server creates the day
-- partitions ahead and drops those past the retention period. The primary key holds the partition column, as
-- PostgreSQL requires; the extension keeps id and occurred_at identical when it resends, so a resend conflicts
-- and is not stored twice.
create table client_event (
    id                 uuid        not null,
    occurred_at        timestamptz not null,
    received_at        timestamptz not null,
    token_id           bigint      not null,
    device_id          text        not null,
    -- HMAC-SHA256 of the user identifier with the server's secret (hex); null when the browser knew no user.
    user_hash          text,
    -- The identifier itself, only while identified mode is on.
    user_name          text,
    extension_version  text        not null,
    type               text        not null,
    service_key        text,
    -- A bare host name: never a scheme, path, query or fragment.
    host               text,
    action             text,
    guideline_version  integer,
    groups             text[]      not null default '{}',
    primary key (id, occurred_at)
) partition by range (occurred_at);
create index client_event_occurred_idx on client_event (occurred_at);

-- Settings of event storage that admins change at runtime (one row), and the user-hash secret generated when
-- none is configured.
create table event_settings (
    id                smallint    primary key default 1 check (id = 1),
    identified_users  boolean     not null default false,
    user_hash_secret  text,
    version           bigint      not null default 0,
    updated_at        timestamptz not null default now()
);
insert into event_settings (id) values (1);

-- Who accepted which guideline version, and when: the latest acknowledgement per person (or device, when the
-- browser knew no user) and version. Written from acknowledged events in the transaction that stores them.
create table acknowledgement (
    guideline_version  integer     not null,
    -- The user's hash, or 'device:' followed by the device id.
    subject            text        not null,
    user_hash          text,
    user_name          text,
    device_id          text        not null,
    groups             text[]      not null default '{}',
    acknowledged_at    timestamptz not null,
    event_id           uuid        not null,
    primary key (guideline_version, subject)
);
create index acknowledgement_at_idx on acknowledgement (acknowledged_at desc);
create index acknowledgement_subject_idx on acknowledgement (subject);

-- Days whose rollups are out of date: a row per stored batch and day, appended without any lock, consumed by the
-- rollup job.
create table event_rollup_pending (
    day  date not null
);

-- Per UTC day, group ('' = everyone), service ('' = none named) or, without a service, host, and event type
-- ('*' = all types): how many events, and from how many distinct people (users, or devices without a user).
create table event_daily_count (
    grp          text    not null,
    day          date    not null,
    service_key  text    not null,
    host         text    not null,
    type         text    not null,
    events       bigint  not null,
    subjects     integer not null,
    primary key (grp, day, service_key, host, type)
);

-- Who was active on a day, per group ('' = everyone): the base of acknowledgement coverage.
create table event_daily_active (
    grp      text not null,
    day      date not null,
    subject  text not null,
    primary key (grp, day, subject)
);
