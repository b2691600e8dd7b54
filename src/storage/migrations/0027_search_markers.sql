-- PostgreSQL search at scale (issue 14, docs/decisions/0028): the stored tsvector also
-- holds what a lookup narrows on, as marker lexemes no term can be (tafel's terms are
-- letters and digits; a marker starts with "~"): the document's language, its kind, the
-- block of 4,096 ids it was indexed in, and its year (at_us in Julian years since 1970).
-- A lookup in every language, with its kind, period and recency window, is then one
-- exact GIN condition: no candidate's row (nor its TOASTed tsvector) is read to check
-- its language or kind, and only the kept candidates are ranked. SQLite is unchanged
-- (its FTS5 table has the language as a column, migration 0021).
{{#postgresql}}
ALTER TABLE search_documents DROP COLUMN terms;
ALTER TABLE search_documents ADD COLUMN terms tsvector GENERATED ALWAYS AS (
  to_tsvector('simple'::regconfig, stems || ' ' || words) ||
  array_to_tsvector(ARRAY['~lang=' || language, '~kind=' || kind, '~block=' || CAST(id / 4096 AS TEXT),
                          '~year=' || CAST(at_us / 31557600000000 AS TEXT)])) STORED;
CREATE INDEX search_documents_terms ON search_documents USING gin (terms);
{{/postgresql}}
