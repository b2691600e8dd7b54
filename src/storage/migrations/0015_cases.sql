-- Cases (issue 12, point 2): one person at one consultation table whose basis allows
-- individual cases, known by the case number (the pseudonym). What may be known
-- without the identity is in clear columns; the identity (name, date of birth,
-- address, national register number, case details) is only ever stored sealed:
-- `identity` is XChaCha20-Poly1305 ciphertext under a per-record data key,
-- `wrapped_key` that data key wrapped by the master key of the keys directory
-- (never in the database), `key_id` the id of that master key
-- (docs/decisions/0013-case-key-hierarchy.md).
CREATE TABLE cases (
  id {{id}},
  table_id BIGINT NOT NULL,
  opened_by_organisation BIGINT NOT NULL,
  opened_by_user BIGINT NOT NULL,
  opened_at {{timestamp}} NOT NULL,
  closed_at {{timestamp}},
  minor INTEGER NOT NULL CHECK (minor IN (0, 1)),
  vulnerable INTEGER NOT NULL CHECK (vulnerable IN (0, 1)),
  informed TEXT NOT NULL,
  informed_by BIGINT NOT NULL,
  informed_at {{timestamp}} NOT NULL,
  identity TEXT NOT NULL,
  wrapped_key TEXT NOT NULL,
  key_id TEXT NOT NULL
);
CREATE INDEX cases_by_table ON cases (table_id);

-- The organisations involved with a case, each on the care or the safety track.
CREATE TABLE case_tracks (
  case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL,
  track TEXT NOT NULL CHECK (track IN ('care', 'safety')),
  PRIMARY KEY (case_id, organisation_id, track)
);
CREATE INDEX case_tracks_by_organisation ON case_tracks (organisation_id);

-- One row: the id of the current master key and a fixed text sealed under it, so a
-- server started with another master key refuses to start (cli/case_keys.h).
CREATE TABLE case_master_key (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  key_id TEXT NOT NULL,
  key_check TEXT NOT NULL
);
