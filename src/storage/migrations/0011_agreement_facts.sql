-- Issue 11, points 3 and 6.
--
-- agreement_signatures.facts: the facts of every party (sector, secrecy, mission,
-- reporting duty) as the signer's organisation saw them when signing
-- (core/agreement/party_facts.h), so that an agreement shows when a party's facts
-- changed since it was signed. Empty for signatures given before this migration.
-- The column is set once, in the INSERT; the append-only triggers still refuse any
-- UPDATE.
--
-- agreement_versions.suspended_by: the party (decimal directory id) that suspended
-- the version; only that party (or a platform admin) may resume it. Empty when not
-- suspended or suspended before this migration.
ALTER TABLE agreement_signatures ADD COLUMN facts TEXT NOT NULL DEFAULT '';
ALTER TABLE agreement_versions ADD COLUMN suspended_by TEXT NOT NULL DEFAULT '';
