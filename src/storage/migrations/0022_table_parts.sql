-- A table's meetings and actions in rows of their own (issue 21, ADR 0021, the step
-- ADR 0008 names): consultation_tables.document keeps the table's head (name,
-- basis, members, delegates, secrecy texts, series) and each meeting and action is
-- one row holding its own document (the same JSON as inside a table document)
-- next to the columns the cross-table views filter on: upcoming meetings,
-- reminders, received feedback, open and overdue actions read indexed rows of the
-- caller's tables instead of decoding every table. `position` keeps the order of
-- the table's lists. Written by storage/tables/table_store.cc with each save, only
-- the rows that changed.
CREATE TABLE consultation_table_meetings (
  table_id BIGINT NOT NULL REFERENCES consultation_tables(id) ON DELETE CASCADE,
  meeting_id BIGINT NOT NULL,
  position BIGINT NOT NULL,
  starts_at_us BIGINT NOT NULL,
  ends_at_us BIGINT NOT NULL,
  status TEXT NOT NULL,
  sent_feedback INTEGER NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (table_id, meeting_id)
);
-- Reminders (planned meetings starting soon, every table) and the platform
-- admin's upcoming meetings.
CREATE INDEX consultation_table_meetings_by_status_start ON consultation_table_meetings (status, starts_at_us);

CREATE TABLE consultation_table_actions (
  table_id BIGINT NOT NULL REFERENCES consultation_tables(id) ON DELETE CASCADE,
  action_id BIGINT NOT NULL,
  position BIGINT NOT NULL,
  owner_organisation BIGINT NOT NULL,
  owner_user BIGINT NOT NULL,
  due TEXT NOT NULL,
  status TEXT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (table_id, action_id)
);
-- "My open actions", "overdue actions of my organisation", and overdue actions
-- across every table (the platform admin's overview).
CREATE INDEX consultation_table_actions_by_user ON consultation_table_actions (owner_user, status, due);
CREATE INDEX consultation_table_actions_by_organisation ON consultation_table_actions (owner_organisation, status, due);
CREATE INDEX consultation_table_actions_by_status_due ON consultation_table_actions (status, due);

-- Tables saved before: their documents' meetings and actions become rows, and the
-- documents keep the head only.
{{#sqlite}}
INSERT INTO consultation_table_meetings
  (table_id, meeting_id, position, starts_at_us, ends_at_us, status, sent_feedback, document)
SELECT t.id, json_extract(m.value, '$.id'), CAST(m.key AS INTEGER), json_extract(m.value, '$.starts_at_us'),
       json_extract(m.value, '$.ends_at_us'), json_extract(m.value, '$.status'),
       EXISTS (SELECT 1 FROM json_each(m.value, '$.feedback') f WHERE json_extract(f.value, '$.state') = 'sent'),
       m.value
FROM consultation_tables t, json_each(t.document, '$.meetings') m;
INSERT INTO consultation_table_actions
  (table_id, action_id, position, owner_organisation, owner_user, due, status, document)
SELECT t.id, json_extract(a.value, '$.id'), CAST(a.key AS INTEGER), json_extract(a.value, '$.owner_organisation'),
       json_extract(a.value, '$.owner_user'), json_extract(a.value, '$.due'), json_extract(a.value, '$.status'),
       a.value
FROM consultation_tables t, json_each(t.document, '$.actions') a;
UPDATE consultation_tables SET document = json_set(document, '$.meetings', json('[]'), '$.actions', json('[]'));
{{/sqlite}}
{{#postgresql}}
INSERT INTO consultation_table_meetings
  (table_id, meeting_id, position, starts_at_us, ends_at_us, status, sent_feedback, document)
SELECT t.id, (m.value->>'id')::bigint, m.ordinality - 1, (m.value->>'starts_at_us')::bigint,
       (m.value->>'ends_at_us')::bigint, m.value->>'status',
       CASE WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(m.value->'feedback') f WHERE f->>'state' = 'sent')
            THEN 1 ELSE 0 END,
       m.value::text
FROM consultation_tables t, jsonb_array_elements(t.document::jsonb->'meetings') WITH ORDINALITY AS m(value, ordinality);
INSERT INTO consultation_table_actions
  (table_id, action_id, position, owner_organisation, owner_user, due, status, document)
SELECT t.id, (a.value->>'id')::bigint, a.ordinality - 1, (a.value->>'owner_organisation')::bigint,
       (a.value->>'owner_user')::bigint, a.value->>'due', a.value->>'status', a.value::text
FROM consultation_tables t, jsonb_array_elements(t.document::jsonb->'actions') WITH ORDINALITY AS a(value, ordinality);
UPDATE consultation_tables
SET document = jsonb_set(jsonb_set(document::jsonb, '{meetings}', '[]'::jsonb), '{actions}', '[]'::jsonb)::text;
{{/postgresql}}
