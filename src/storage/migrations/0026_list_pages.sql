-- Data at national scale (issue 21): the list of every consultation table (the
-- platform admin's /tables and GET /api/v1/tables) is read in keyset pages in name
-- order; this index lets a page start after a (name, id) without reading the rows
-- before it. Cases are paged by their primary key and need none.
CREATE INDEX consultation_tables_by_name ON consultation_tables (name, id);
