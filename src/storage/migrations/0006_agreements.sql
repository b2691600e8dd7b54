-- 0006_agreements: collaboration agreements with every version kept and the
-- parties' signatures (core/agreement/agreement.h). A version's text is stored as its
-- canonical bytes (core/agreement/canonical.h) next to its SHA-256 hash, so every
-- read re-hashes the text and refuses one that was altered.

-- `revision` grows with every change; a write names the revision it read, so two
-- admins acting at once cannot overwrite each other.
CREATE TABLE agreements (
  id {{id}},
  revision BIGINT NOT NULL,
  created_at {{timestamp}} NOT NULL
);

CREATE TABLE agreement_versions (
  agreement_id BIGINT NOT NULL REFERENCES agreements (id),
  version_number INTEGER NOT NULL CHECK (version_number >= 1),
  status TEXT NOT NULL CHECK (status IN ('draft', 'in_force', 'suspended', 'ended', 'superseded')),
  document TEXT NOT NULL,
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  created_at {{timestamp}} NOT NULL,
  created_by BIGINT NOT NULL,
  status_changed_at {{timestamp}} NOT NULL,
  PRIMARY KEY (agreement_id, version_number)
);

-- A signature names the exact text (hash) an organisation admin signed. Rows are
-- only ever added.
CREATE TABLE agreement_signatures (
  agreement_id BIGINT NOT NULL,
  version_number INTEGER NOT NULL,
  ordinal INTEGER NOT NULL,
  organisation TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  hash TEXT NOT NULL,
  signed_at {{timestamp}} NOT NULL,
  PRIMARY KEY (agreement_id, version_number, ordinal),
  FOREIGN KEY (agreement_id, version_number) REFERENCES agreement_versions (agreement_id, version_number)
);
{{#sqlite}}
CREATE TRIGGER agreement_signatures_append_only BEFORE UPDATE ON agreement_signatures
BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
CREATE TRIGGER agreement_signatures_no_delete BEFORE DELETE ON agreement_signatures
BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
{{/sqlite}}
{{#postgresql}}
CREATE FUNCTION agreement_signatures_refuse() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'signatures are append-only'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER agreement_signatures_append_only BEFORE UPDATE OR DELETE ON agreement_signatures
  FOR EACH ROW EXECUTE FUNCTION agreement_signatures_refuse();
{{/postgresql}}
