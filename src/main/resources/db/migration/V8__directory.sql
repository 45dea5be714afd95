-- The directory the organization's identity provider provisions over SCIM 2.0 (docs/identity.md, ADR 14).
-- People are pseudonymous unless identified mode is on: user_name_hash and email_hash are the HMAC pseudonyms
-- the events already use (UserPseudonyms), the clear user name, display name and e-mail are kept only in
-- identified mode. The IdP's own id (external_id) is what it matches its updates with.

create table directory_user (
    id              uuid primary key,
    external_id     text,
    user_name_hash  text        not null unique,
    email_hash      text,
    user_name       text,
    display_name    text,
    email           text,
    active          boolean     not null default true,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null default 0
);
create index directory_user_email_hash on directory_user (email_hash);

-- Group names are not personal data: kept as sent. A Promptgate group selects a directory group by its id or by
-- its display name (policy_group.idp_value), as it selects an OIDC groups-claim value.
create table directory_group (
    id            uuid primary key,
    external_id   text,
    display_name  text        not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    version       bigint      not null default 0
);
create index directory_group_display_name on directory_group (display_name);

create table directory_member (
    group_id  uuid not null references directory_group (id) on delete cascade,
    user_id   uuid not null references directory_user (id) on delete cascade,
    primary key (group_id, user_id)
);
create index directory_member_user on directory_member (user_id);
