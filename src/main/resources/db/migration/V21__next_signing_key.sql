-- A key prepared for the next rotation: published (JWKS, pinned in deployment documents) but not signing yet.
alter table signing_key add column next_key boolean not null default false;
create unique index signing_key_one_next on signing_key (next_key) where next_key and retired_at is null;
