-- 0008_audit_rowid: on SQLite, `seq BIGINT PRIMARY KEY` (0002) is not an alias of the
-- rowid, so reading the log in seq order walked the primary-key index and looked up
-- every row in the table. `INTEGER PRIMARY KEY` makes seq the rowid: verify scans
-- the table in order (docs/performance.md). The rows are copied unchanged, so every
-- leaf hash, checkpoint and proof stays valid. PostgreSQL is unaffected.
{{#sqlite}}
CREATE TABLE audit_entry_by_seq (
  seq INTEGER PRIMARY KEY,
  at {{timestamp}} NOT NULL,
  actor TEXT NOT NULL,
  organisation TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  ground TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  source TEXT NOT NULL,
  outcome TEXT NOT NULL,
  leaf_hash TEXT NOT NULL
);
INSERT INTO audit_entry_by_seq (seq, at, actor, organisation, action, object_type, object_id, ground, rule_id,
                                request_id, source, outcome, leaf_hash)
SELECT seq, at, actor, organisation, action, object_type, object_id, ground, rule_id, request_id, source, outcome,
       leaf_hash
FROM audit_entry;
DROP TABLE audit_entry;
ALTER TABLE audit_entry_by_seq RENAME TO audit_entry;
CREATE INDEX audit_entry_object ON audit_entry (object_type, object_id, seq);
CREATE INDEX audit_entry_organisation ON audit_entry (organisation, seq);
CREATE INDEX audit_entry_actor ON audit_entry (actor, seq);
{{/sqlite}}

-- Both engines: the DPO view filters the log by time range.
CREATE INDEX audit_entry_at ON audit_entry (at, seq);
