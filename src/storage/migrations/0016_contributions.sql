-- Contributions (issue 12, points 3 and 4): a note or fact one organisation adds to a
-- situation or a case, with the record of every disclosure of it (recipient, ground,
-- rule, obligations, use_restricted). One aggregate (core/contributions/contribution.h)
-- saved whole under optimistic concurrency (`version`). `document` is the JSON written
-- by storage/contributions/contribution_store.cc, sealed (authenticated encryption
-- under a key derived from the instance key): contributions about a case hold
-- personal data, which a copy of the database alone must not reveal. The columns
-- hold no personal data: they serve the lists by situation and by case.
CREATE TABLE contributions (
  id {{id}},
  situation_id BIGINT REFERENCES situations(id),
  case_id BIGINT,
  track TEXT NOT NULL,
  source_organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  version BIGINT NOT NULL,
  document TEXT NOT NULL,
  created_at {{timestamp}} NOT NULL,
  updated_at {{timestamp}} NOT NULL
);
CREATE INDEX contributions_by_situation ON contributions (situation_id);
CREATE INDEX contributions_by_case ON contributions (case_id);
