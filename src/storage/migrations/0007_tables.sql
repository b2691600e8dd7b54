-- Consultation tables (issue 6). A table is one aggregate (core/tables/table.h):
-- its meetings, agendas, attendance, acknowledgements, decisions, actions and
-- minutes are kept together in `document` (JSON, written by storage/table_store.cc)
-- and saved whole under optimistic concurrency (`version`). Membership is also kept
-- as rows so "the tables of my organisation" is an indexed query.
CREATE TABLE consultation_tables (
  id {{id}},
  name TEXT NOT NULL,
  version BIGINT NOT NULL,
  document TEXT NOT NULL,
  created_at {{timestamp}} NOT NULL,
  updated_at {{timestamp}} NOT NULL
);

CREATE TABLE consultation_table_members (
  table_id BIGINT NOT NULL REFERENCES consultation_tables(id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  PRIMARY KEY (table_id, organisation_id)
);
CREATE INDEX consultation_table_members_by_organisation ON consultation_table_members (organisation_id);

-- Secret calendar-feed addresses: the BLAKE2b digest of the token only, one per user.
CREATE TABLE calendar_feed_tokens (
  digest TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  created_at {{timestamp}} NOT NULL
);
