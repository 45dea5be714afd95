-- Policy distribution: what changed when (so every replica compiles the same bytes), and bundle signing keys.

-- One row. policy_revision moves on every change that affects bundles, token_revision on every change to
-- enrollment tokens; both are announced with NOTIFY promptgate_changes and polled as a safety net.
create table distribution_state (
    id                 smallint primary key default 1 check (id = 1),
    policy_revision    bigint      not null default 1,
    policy_changed_at  timestamptz not null default date_trunc('second', now()),
    token_revision     bigint      not null default 1
);
insert into distribution_state (id) values (1);

-- Keys that sign bundles. private_key is null for a key given by configuration (it never enters the
-- database) and for keys whose private part was dropped after rotation.
create table signing_key (
    kid          text primary key,
    public_jwk   jsonb       not null,
    private_key  text,
    configured   boolean     not null,
    created_at   timestamptz not null default now(),
    retired_at   timestamptz
);
