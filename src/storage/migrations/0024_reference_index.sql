-- The reference index in daily use (issue 15, points 1, 3 and 4; docs/index.md).
--
-- A signal says only that an organisation (one of its contact points) is involved with
-- a person since a date, under a ground. The person is never stored in clear: a
-- national register number only as its keyed hash (hex HMAC-SHA256, index key), a name
-- and date of birth only as the 1,024-bit CLK (128 bytes, stored as hex) and its two keyed blocking
-- keys (4 bytes each, core/index/clk_index.h). Without the instance's keys directory
-- none of these can be tested against a guessed person.
--
-- state: 'active' (matched, notices sent) until inactive_at, then 'inactive' (still
-- matched by new parties, no notice to this side) until delete_at, then deleted by the
-- scheduled retention run. A withdrawn signal is deleted at once (with its matches).
CREATE TABLE index_signals (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  contact_point_id BIGINT NOT NULL,
  registered_by BIGINT NOT NULL,
  since TEXT NOT NULL,
  ground_kind TEXT NOT NULL CHECK (ground_kind IN ('consent', 'statute')),
  consent_id BIGINT,
  statute TEXT NOT NULL DEFAULT '',
  number_hash TEXT,
  clk TEXT,
  block_year BIGINT,
  block_day_month BIGINT,
  state TEXT NOT NULL CHECK (state IN ('active', 'inactive')),
  created_at {{timestamp}} NOT NULL,
  inactive_at {{timestamp}} NOT NULL,
  delete_at {{timestamp}} NOT NULL
);
CREATE INDEX index_signals_by_organisation ON index_signals (organisation_id, id);
CREATE INDEX index_signals_by_number ON index_signals (number_hash);
CREATE INDEX index_signals_by_year ON index_signals (block_year);
CREATE INDEX index_signals_by_day_month ON index_signals (block_day_month);
CREATE INDEX index_signals_by_inactive_at ON index_signals (state, inactive_at);
CREATE INDEX index_signals_by_delete_at ON index_signals (delete_at);

-- A match between two signals of different organisations: signal_a is the one that
-- was registered first. certainty 'certain' (same number hash, or Dice at or above
-- the certain threshold) or 'possible' (both sides confirm before contact details are
-- shown). score_permille: the Dice score x 1000 (1000 for a number).
CREATE TABLE index_matches (
  id {{id}},
  signal_a BIGINT NOT NULL REFERENCES index_signals(id) ON DELETE CASCADE,
  signal_b BIGINT NOT NULL REFERENCES index_signals(id) ON DELETE CASCADE,
  certainty TEXT NOT NULL CHECK (certainty IN ('certain', 'possible')),
  score_permille BIGINT NOT NULL,
  answer_a TEXT NOT NULL CHECK (answer_a IN ('pending', 'confirmed', 'rejected')),
  answer_b TEXT NOT NULL CHECK (answer_b IN ('pending', 'confirmed', 'rejected')),
  created_at {{timestamp}} NOT NULL,
  UNIQUE (signal_a, signal_b)
);
CREATE INDEX index_matches_by_b ON index_matches (signal_b);

-- Match notices go through the notification inbox and mail queue (0009), which knew
-- only consultation tables: a notice of kind 'index_match' belongs to no table.
{{#sqlite}}
CREATE TABLE notification_with_index (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('invitation', 'moved', 'cancelled', 'series', 'reminder', 'index_match')),
  table_id BIGINT REFERENCES consultation_tables(id) ON DELETE CASCADE,
  meeting_id BIGINT NOT NULL,
  once_key TEXT,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT NOT NULL,
  ics TEXT NOT NULL,
  ics_method TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT,
  mail_state TEXT NOT NULL CHECK (mail_state IN ('none', 'pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  next_attempt_at BIGINT NOT NULL,
  claimed_until BIGINT NOT NULL DEFAULT 0
);
INSERT INTO notification_with_index (id, user_id, kind, table_id, meeting_id, once_key, subject, body, link, ics,
                                     ics_method, created_at, read_at, mail_state, attempts, last_error,
                                     next_attempt_at, claimed_until)
SELECT id, user_id, kind, table_id, meeting_id, once_key, subject, body, link, ics, ics_method, created_at, read_at,
       mail_state, attempts, last_error, next_attempt_at, claimed_until
FROM notification;
DROP TABLE notification;
ALTER TABLE notification_with_index RENAME TO notification;
CREATE UNIQUE INDEX notification_once ON notification (user_id, once_key);
CREATE INDEX notification_by_user ON notification (user_id, read_at);
CREATE INDEX notification_mail_due ON notification (mail_state, next_attempt_at);
CREATE INDEX notification_by_table ON notification (table_id);
{{/sqlite}}
{{#postgresql}}
ALTER TABLE notification ALTER COLUMN table_id DROP NOT NULL;
ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check
  CHECK (kind IN ('invitation', 'moved', 'cancelled', 'series', 'reminder', 'index_match'));
{{/postgresql}}
