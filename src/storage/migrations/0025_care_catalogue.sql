-- The care-offer catalogue (issue 16, point 1): the services of the organisations,
-- with their target groups, needs, area, languages, hours, contact and capacity.
-- Each service is one document (core/care/service.h, written by
-- storage/care/catalogue_store.cc) saved whole under optimistic concurrency
-- (`version`). The organisation, name, HSDS id and the date capacity was last
-- confirmed are columns: lists per organisation, the import's "same HSDS id" and
-- the stale reminders are indexed. No personal data: a service is an offer.
CREATE TABLE care_services (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  external_id TEXT,
  name TEXT NOT NULL,
  last_confirmed TEXT NOT NULL,
  version BIGINT NOT NULL,
  document TEXT NOT NULL,
  created_at {{timestamp}} NOT NULL,
  updated_at {{timestamp}} NOT NULL
);
CREATE INDEX care_services_by_organisation ON care_services (organisation_id, id);
CREATE UNIQUE INDEX care_services_by_external_id ON care_services (external_id);
CREATE INDEX care_services_by_last_confirmed ON care_services (last_confirmed);

-- The HSDS import finds an organisation by its exact name.
CREATE INDEX organisations_by_name ON organisations (name);
