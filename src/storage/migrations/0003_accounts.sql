-- 0003_accounts: organisations (the anchor every account belongs to), users and
-- their credentials, sessions, login throttling, API tokens and the security events
-- (docs/accounts.md). Secrets are stored only as what the account service hands
-- over: Argon2id hashes, BLAKE2b digests of session ids, tokens and recovery codes.
-- Booleans are INTEGER 0/1 on both engines.

CREATE TABLE organisations (
  id {{id}},
  name TEXT NOT NULL UNIQUE,
  sector TEXT NOT NULL,
  secrecy TEXT NOT NULL CHECK (secrecy IN ('professional', 'discretion', 'none')),
  reporting_duty INTEGER NOT NULL CHECK (reporting_duty IN (0, 1)),
  mission TEXT NOT NULL CHECK (mission IN ('care', 'safety', 'both')),
  finality TEXT NOT NULL,
  languages TEXT NOT NULL,          -- "nl,fr": the languages it serves people in
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  created_at {{timestamp}} NOT NULL,
  updated_at {{timestamp}} NOT NULL
);

-- One row per person. email is normalised (lower case) by the application.
-- totp_secret is the hex of the raw secret ('' when none); it must stay readable to
-- verify codes. totp_last_step is the replay guard: a code of a step <= it is refused.
CREATE TABLE users (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('platform_admin', 'organisation_admin', 'member', 'dpo', 'observer')),
  language TEXT NOT NULL CHECK (language IN ('nl', 'fr', 'en')),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  password_hash TEXT NOT NULL,
  totp_secret TEXT NOT NULL DEFAULT '',
  totp_enrolled INTEGER NOT NULL DEFAULT 0 CHECK (totp_enrolled IN (0, 1)),
  totp_last_step BIGINT NOT NULL DEFAULT -1,
  created_at {{timestamp}} NOT NULL
);
CREATE INDEX users_by_organisation ON users (organisation_id);

CREATE TABLE recovery_codes (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  digest TEXT NOT NULL,
  used_at {{timestamp}},
  PRIMARY KEY (user_id, digest)
);

CREATE TABLE sessions (
  id_digest TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at {{timestamp}} NOT NULL,
  last_seen_at {{timestamp}} NOT NULL,
  second_factor_passed INTEGER NOT NULL CHECK (second_factor_passed IN (0, 1)),
  csrf_token TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- key_digest: digest of "account:<email>", "address:<ip>" or "second_factor:<id>",
-- so the table holds no e-mail or address in clear.
CREATE TABLE login_throttle (
  key_digest TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start {{timestamp}} NOT NULL,
  locked_until {{timestamp}} NOT NULL
);

CREATE TABLE api_tokens (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  digest TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL,  -- space-separated
  created_at {{timestamp}} NOT NULL,
  last_used_at {{timestamp}} NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

-- Every login, failure, lockout, logout and change of rights. Append-only.
CREATE TABLE security_events (
  id {{id}},
  at {{timestamp}} NOT NULL,
  kind TEXT NOT NULL,
  actor_id BIGINT,
  subject_id BIGINT,
  organisation_id BIGINT,
  address TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX security_events_by_organisation ON security_events (organisation_id, id);
{{#sqlite}}
CREATE TRIGGER security_events_append_only BEFORE UPDATE ON security_events
BEGIN SELECT RAISE(ABORT, 'security events are append-only'); END;
CREATE TRIGGER security_events_no_delete BEFORE DELETE ON security_events
BEGIN SELECT RAISE(ABORT, 'security events are append-only'); END;
{{/sqlite}}
{{#postgresql}}
CREATE FUNCTION security_events_refuse() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'security events are append-only'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER security_events_append_only BEFORE UPDATE OR DELETE ON security_events
  FOR EACH ROW EXECUTE FUNCTION security_events_refuse();
{{/postgresql}}
