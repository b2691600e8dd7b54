-- The search index (issue 14, docs/search.md): one row per searchable record with the
-- terms tafel computed for it (stems, and the folded words for prefixes). The engines
-- index those terms as given (docs/decisions/0019): SQLite in an FTS5 table kept by
-- triggers, PostgreSQL with a GIN index on the 'simple' tsvector of the same text.
CREATE TABLE search_documents (
  id {{id}},
  kind TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  table_id BIGINT,
  organisation_id BIGINT,
  language TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  stems TEXT NOT NULL,
  words TEXT NOT NULL,
  at_us {{timestamp}} NOT NULL,
  UNIQUE (kind, record_id)
);
CREATE INDEX search_documents_table ON search_documents (table_id);
CREATE INDEX search_documents_organisation ON search_documents (organisation_id);
CREATE INDEX search_documents_at ON search_documents (at_us);
{{#sqlite}}
CREATE VIRTUAL TABLE search_fts USING fts5(stems, words, content='search_documents', content_rowid='id',
                                           tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER search_documents_inserted AFTER INSERT ON search_documents BEGIN
  INSERT INTO search_fts (rowid, stems, words) VALUES (new.id, new.stems, new.words);
END;
CREATE TRIGGER search_documents_deleted AFTER DELETE ON search_documents BEGIN
  INSERT INTO search_fts (search_fts, rowid, stems, words) VALUES ('delete', old.id, old.stems, old.words);
END;
CREATE TRIGGER search_documents_updated AFTER UPDATE ON search_documents BEGIN
  INSERT INTO search_fts (search_fts, rowid, stems, words) VALUES ('delete', old.id, old.stems, old.words);
  INSERT INTO search_fts (rowid, stems, words) VALUES (new.id, new.stems, new.words);
END;
{{/sqlite}}
{{#postgresql}}
CREATE INDEX search_documents_terms ON search_documents USING gin (to_tsvector('simple', stems || ' ' || words));
{{/postgresql}}
