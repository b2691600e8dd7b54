-- Data at national scale (issue 21): the detector of personal identifiers in
-- situation texts looks up only the directory's display names that the text could
-- hold (core/situations/identifier_detector.h, name_candidates), by this key:
-- spaces trimmed, ASCII letters lowered (situations::name_key). It read every
-- user's name at each save before. PostgreSQL's lower() under the "C" collation
-- lowers ASCII only, as SQLite's lower() does.
{{#sqlite}}
CREATE INDEX users_by_display_name_key ON users (lower(trim(display_name, ' ')));
{{/sqlite}}
{{#postgresql}}
CREATE INDEX users_by_display_name_key ON users ((lower(btrim(display_name, ' ') COLLATE "C")));
{{/postgresql}}
