-- Situations (issue 12, point 1): a place, a group or a phenomenon worked through
-- the SARA stages. A situation is one aggregate (core/situations/situation.h): its
-- triangle, goals, action plan, voices, stage steps and confirmations are kept
-- together in `document` (JSON, written by storage/situations/situation_store.cc) and saved
-- whole under optimistic concurrency (`version`). The owner, stage and area are
-- columns and the involved organisations rows, so lists and filters are indexed
-- queries. No column holds personal data: situations describe behaviour.
CREATE TABLE situations (
  id {{id}},
  title TEXT NOT NULL,
  owner_organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  stage TEXT NOT NULL,
  area_id BIGINT,
  version BIGINT NOT NULL,
  document TEXT NOT NULL,
  created_at {{timestamp}} NOT NULL,
  updated_at {{timestamp}} NOT NULL
);

-- The owner and every participating organisation of a situation.
CREATE TABLE situation_organisations (
  situation_id BIGINT NOT NULL REFERENCES situations(id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL,
  PRIMARY KEY (situation_id, organisation_id)
);
CREATE INDEX situation_organisations_by_organisation ON situation_organisations (organisation_id);
