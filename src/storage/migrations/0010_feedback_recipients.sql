-- The organisations a consultation table sent a feedback form to (issue 11, point
-- 16), kept as rows beside the table's document (like its members, migration 0007)
-- so "the forms sent to my organisation" reads those tables only instead of
-- decoding every table. Written by storage/table_store.cc with each save.
CREATE TABLE consultation_table_feedback_recipients (
  table_id BIGINT NOT NULL REFERENCES consultation_tables(id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  PRIMARY KEY (table_id, organisation_id)
);
CREATE INDEX consultation_table_feedback_recipients_by_organisation
  ON consultation_table_feedback_recipients (organisation_id);

-- Tables saved before this migration: every organisation a form of the document
-- names as its recipient, whatever the form's state. A few rows too many at most
-- (a draft's recipient); the reader checks each form, and the next save of the
-- table writes the exact rows.
INSERT INTO consultation_table_feedback_recipients (table_id, organisation_id)
SELECT t.id, o.id FROM consultation_tables t, organisations o
WHERE t.document LIKE ('%"recipient":' || o.id || ',%');
