-- 0001_foundation: the migration ledger and the identity of this tafel instance.
-- Dialect: see docs/storage.md. Times are {{timestamp}}: microseconds since
-- 1970-01-01T00:00:00Z (UTC), so they sort and compare the same on both engines.

-- One row per applied migration, written in the migration's own transaction.
CREATE TABLE schema_version (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at {{timestamp}} NOT NULL
);

-- Exactly one row: a random id that tells this installation apart from others
-- (exports, audit checkpoints, federation), and when it was created.
CREATE TABLE instance (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  instance_id TEXT NOT NULL UNIQUE CHECK (length(instance_id) = 32),
  created_at {{timestamp}} NOT NULL
);

INSERT INTO instance (singleton, instance_id, created_at) VALUES (1, {{random_id}}, {{now}});
