-- 0002_audit: the tamper-evident audit trail (docs/audit.md, docs/decisions/0006).
-- Hashes are 64 lower-case hex digits. Rows are only ever inserted; the audit code
-- never updates or deletes an entry or a checkpoint.

-- One row per audited event. seq runs 1, 2, 3... without gaps; leaf_hash is
-- SHA-256(0x00 || canonical entry bytes) as written at append time.
CREATE TABLE audit_entry (
  seq BIGINT PRIMARY KEY,
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

-- Exactly one row, locked by every append: the number of entries, the Merkle
-- frontier (roots of the perfect subtrees, concatenated), the current root, and the
-- size and time of the newest checkpoint.
CREATE TABLE audit_head (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  size BIGINT NOT NULL,
  frontier TEXT NOT NULL,
  root TEXT NOT NULL,
  checkpoint_size BIGINT NOT NULL,
  checkpoint_at {{timestamp}} NOT NULL
);

INSERT INTO audit_head (singleton, size, frontier, root, checkpoint_size, checkpoint_at)
VALUES (1, 0, '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 0, 0);

-- Signed tree heads: Ed25519 over "tafel-audit-checkpoint-1\n<size>\n<root>\n<at>\n".
CREATE TABLE audit_checkpoint (
  tree_size BIGINT PRIMARY KEY,
  root TEXT NOT NULL,
  signed_at {{timestamp}} NOT NULL,
  public_key TEXT NOT NULL,
  signature TEXT NOT NULL
);
