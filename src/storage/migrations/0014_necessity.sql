-- State-of-necessity and art. 458bis reports, and the DPO review queue (issue 12,
-- point 6; docs/necessity.md). A report is written once, as one JSON document
-- (storage/necessity/necessity_store.cc); its author and organisation are columns for
-- "my reports". A review is generic (kind + subject: a report, a contribution...),
-- changed step by step under optimistic concurrency (`version`); the organisation
-- whose DPO reviews it and its state are columns for the queue.
CREATE TABLE necessity_reports (
  id {{id}},
  author_user_id BIGINT NOT NULL,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  document TEXT NOT NULL,
  created_at {{timestamp}} NOT NULL
);
CREATE INDEX necessity_reports_by_author ON necessity_reports (author_user_id);

CREATE TABLE dpo_reviews (
  id {{id}},
  kind TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  author_user_id BIGINT NOT NULL,
  state TEXT NOT NULL,
  version BIGINT NOT NULL,
  document TEXT NOT NULL,
  created_at {{timestamp}} NOT NULL,
  updated_at {{timestamp}} NOT NULL
);
CREATE INDEX dpo_reviews_by_organisation ON dpo_reviews (organisation_id, state);
CREATE INDEX dpo_reviews_by_subject ON dpo_reviews (kind, subject_id);
