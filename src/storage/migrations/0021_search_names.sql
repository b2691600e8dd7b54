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
