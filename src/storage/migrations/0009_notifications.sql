-- Notifications of consultation tables (issue 6, point 2): what a delegate sees in
-- the in-app inbox and, when mail is configured, the queue of e-mails to send.
-- Rows hold no personal data about persons in cases: the table's name, the meeting's
-- time and venue, agenda titles and a link, rendered in the recipient's language.
--
-- mail_state: 'none' (in-app only: no mail configured or no address), 'pending'
-- (queued; due at next_attempt_at), 'sending' (claimed by one server until
-- claimed_until; an expired claim is taken again), 'sent', 'failed' (given up).
-- last_error holds an error code and the mail system's generic reason, never an
-- address or message text.
--
-- once_key makes a notification idempotent per user (reminders: one per meeting
-- and start time); NULL for events that may repeat (a meeting moved twice).
CREATE TABLE notification (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('invitation', 'moved', 'cancelled', 'series', 'reminder')),
  table_id BIGINT NOT NULL REFERENCES consultation_tables(id) ON DELETE CASCADE,
  meeting_id BIGINT NOT NULL,
  once_key TEXT,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT NOT NULL,
  ics TEXT NOT NULL,
  ics_method TEXT NOT NULL,
  created_at {{timestamp}} NOT NULL,
  read_at {{timestamp}},
  mail_state TEXT NOT NULL CHECK (mail_state IN ('none', 'pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  next_attempt_at {{timestamp}} NOT NULL,
  claimed_until {{timestamp}} NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX notification_once ON notification (user_id, once_key);
-- The inbox and its unread count.
CREATE INDEX notification_by_user ON notification (user_id, read_at);
-- The mail queue: what is due.
CREATE INDEX notification_mail_due ON notification (mail_state, next_attempt_at);
