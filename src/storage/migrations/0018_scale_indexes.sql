-- Data at national scale (issue 21): an index under every foreign key whose parent
-- row is read, changed or deleted, so that the engine's reference checks (and
-- lookups by owner) read only the rows concerned instead of the whole child table.
-- The query-plan test (tests/routes/route_roles_test.cc, QueryPlans) finds them;
-- docs/storage.md lists what each index serves.
CREATE INDEX contact_point_deputies_by_user ON contact_point_deputies (user_id);
CREATE INDEX contact_points_by_primary_user ON contact_points (primary_user_id);
CREATE INDEX contact_points_by_area ON contact_points (area_id);
CREATE INDEX organisation_areas_by_area ON organisation_areas (area_id);
CREATE INDEX areas_by_parent ON areas (parent_id);
CREATE INDEX calendar_feed_tokens_by_organisation ON calendar_feed_tokens (organisation_id);
CREATE INDEX contributions_by_source_organisation ON contributions (source_organisation_id);
CREATE INDEX necessity_reports_by_organisation ON necessity_reports (organisation_id);
CREATE INDEX situations_by_owner ON situations (owner_organisation_id);
-- The situations of one organisation, newest first, a keyset page at a time.
CREATE INDEX situation_organisations_by_organisation_situation ON situation_organisations (organisation_id, situation_id);
CREATE INDEX notification_by_table ON notification (table_id);
