-- Enforcement health: one row per browser (the extension's random install id; no person is stored), replaced by
-- each heartbeat. Rows not seen for the event retention are deleted (DeviceHealth.deleteUnseen).
create table device (
    device_id               uuid primary key,
    enrollment_token_id     bigint      not null,
    first_seen              timestamptz not null,
    last_seen               timestamptz not null,
    extension_version       text        not null,
    browser                 text        not null,
    browser_version         text        not null,
    identity_mode           text        not null,
    policy_version          text,
    -- What the server served this browser's identity when it reported, and the policy revision then: the browser
    -- enforces the current policy when both match and the revision is still the current one.
    served_policy_version   text,
    policy_revision         bigint,
    skipped_count           integer     not null,
    skipped                 jsonb       not null,
    tenant_restriction_rules integer    not null,
    last_sync_error         text,
    last_sync_at            timestamptz
);
create index device_last_seen on device (last_seen);
