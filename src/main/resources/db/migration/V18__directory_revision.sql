-- People and memberships provisioned by the directory change which bundle a person gets, not what any bundle
-- says: they move a revision of their own, so that the fleet's bundles (and their ETags) stay as they are.
alter table distribution_state add column directory_revision bigint not null default 1;
