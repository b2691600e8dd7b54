-- Typo tolerance for names (issue 14, core/search/similar_names.h, docs/decisions/0020):
-- the folded words of titles and of names (contact points), each with its trigrams, so
-- a misspelt name is corrected by one indexed lookup, the same SQL on both engines.
-- Words are only added: a name no longer used makes a correction that finds nothing.
CREATE TABLE search_names (
  word TEXT PRIMARY KEY,
  trigram_count INTEGER NOT NULL
);
CREATE TABLE search_name_trigrams (
  trigram TEXT NOT NULL,
  word TEXT NOT NULL,
  PRIMARY KEY (trigram, word)
);
-- What a document's entry was made from (app::search::fingerprint_of): a saved table
-- puts again only the documents whose fingerprint changed.
ALTER TABLE search_documents ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
-- One lookup for every language (SearchIndex::find_any): the language is in the index.
-- SQLite: the FTS5 table gains the language column (a column filter in the MATCH) and
-- prefix indexes for words being typed; PostgreSQL: the terms are a stored tsvector,
-- so neither the match, its recheck nor the rank rebuilds one per candidate.
{{#sqlite}}
DROP TRIGGER search_documents_inserted;
DROP TRIGGER search_documents_deleted;
DROP TRIGGER search_documents_updated;
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(stems, words, language, content='search_documents', content_rowid='id',
                                           tokenize='unicode61 remove_diacritics 0', prefix='2 3');
CREATE TRIGGER search_documents_inserted AFTER INSERT ON search_documents BEGIN
  INSERT INTO search_fts (rowid, stems, words, language) VALUES (new.id, new.stems, new.words, new.language);
END;
CREATE TRIGGER search_documents_deleted AFTER DELETE ON search_documents BEGIN
  INSERT INTO search_fts (search_fts, rowid, stems, words, language)
    VALUES ('delete', old.id, old.stems, old.words, old.language);
END;
CREATE TRIGGER search_documents_updated AFTER UPDATE ON search_documents BEGIN
  INSERT INTO search_fts (search_fts, rowid, stems, words, language)
    VALUES ('delete', old.id, old.stems, old.words, old.language);
  INSERT INTO search_fts (rowid, stems, words, language) VALUES (new.id, new.stems, new.words, new.language);
END;
INSERT INTO search_fts (search_fts) VALUES ('rebuild');
{{/sqlite}}
{{#postgresql}}
ALTER TABLE search_documents ADD COLUMN terms tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, stems || ' ' || words)) STORED;
DROP INDEX search_documents_terms;
CREATE INDEX search_documents_terms ON search_documents USING gin (terms);
{{/postgresql}}
