-- The consent registry (issue 12, point 5; docs/consents.md). A consent is one row:
-- the person only as a case number (no identity), the recording organisation, the
-- stored DPV state (requested, given, refused, withdrawn; "expired" is derived from
-- valid_until and the clock) and its period as columns, so lists, filters and the
-- sharing world's facts are indexed queries. Recipients, categories, purposes, who
-- gave it and the evidence's description are in `document` (JSON, written by
-- storage/consents/consent_store.cc). `case_id` refers to the cases of issue 12,
-- point 2 (no foreign key here: that table lands separately).
CREATE TABLE consents (
  id {{id}},
  case_id BIGINT NOT NULL,
  recorded_by BIGINT NOT NULL REFERENCES organisations(id),
  recorder BIGINT NOT NULL,
  state TEXT NOT NULL,
  valid_from {{timestamp}} NOT NULL,
  valid_until {{timestamp}},
  withdrawn_at {{timestamp}},
  version BIGINT NOT NULL,
  document TEXT NOT NULL,
  created_at {{timestamp}} NOT NULL,
  updated_at {{timestamp}} NOT NULL
);
CREATE INDEX consents_by_organisation ON consents (recorded_by);
CREATE INDEX consents_by_case ON consents (case_id);
CREATE INDEX consents_by_state ON consents (state);

-- The uploaded signed form of a consent: it carries the person's name and signature,
-- so it is stored only sealed (storage::SecretSealer, libsodium secretbox under a key
-- derived from the instance key file), never in clear.
CREATE TABLE consent_evidence (
  consent_id BIGINT PRIMARY KEY REFERENCES consents(id) ON DELETE CASCADE,
  media_type TEXT NOT NULL,
  sealed TEXT NOT NULL,
  created_at {{timestamp}} NOT NULL
);
