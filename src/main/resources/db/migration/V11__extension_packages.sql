-- CRX3 packages of the extension that admins uploaded for self-hosted Chrome and Edge installs. The server offers
-- the highest version of the extension ID it serves (see ExtensionPackages); the bundled package is not stored here.
create table extension_package (
    id            bigint generated always as identity primary key,
    extension_id  text        not null,
    version       text        not null,
    sha256        text        not null,
    crx           bytea       not null,
    uploaded_at   timestamptz not null default now(),
    uploaded_by   text        not null,
    unique (extension_id, version)
);
