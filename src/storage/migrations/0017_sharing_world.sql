-- The sharing engine's world, cached per generation (issue 12 point 4, ADR 0015).
--
-- sharing_world_generation: one row whose generation is raised, in the same
-- transaction, by every write that changes an input of the world (organisations,
-- agreements, a table's members, basis, approval or finality, cases, consents).
-- Every server compares it with the generation its cached world was built at, so a
-- change committed by any server is seen by the next decision on every server.
--
-- consultation_tables.world_fingerprint: what of a table the world reads (name,
-- members, basis, reference, approval, finality), so that a save that changes
-- none of it (minutes, actions, attendance) leaves the world as it is. Empty for
-- tables saved before this migration: their next save raises the generation.
CREATE TABLE sharing_world_generation (
  id INTEGER PRIMARY KEY,
  generation BIGINT NOT NULL
);
INSERT INTO sharing_world_generation (id, generation) VALUES (1, 1);
ALTER TABLE consultation_tables ADD COLUMN world_fingerprint TEXT NOT NULL DEFAULT '';
