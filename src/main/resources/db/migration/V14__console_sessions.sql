-- Admin console sessions (docs/console.md): the cookie holds a random id, the table only its SHA-256 hash, so a
-- copy of the table signs nobody in. A session ends on sign-out, after the idle timeout, or when the API token it
-- was opened with is revoked or expires.
CREATE TABLE console_session (
    id            BIGSERIAL PRIMARY KEY,
    session_hash  TEXT        NOT NULL UNIQUE,
    actor         TEXT        NOT NULL,
    role          TEXT        NOT NULL,
    csrf_token    TEXT        NOT NULL,
    api_token_id  BIGINT      REFERENCES api_token (id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX console_session_last_seen ON console_session (last_seen_at);
