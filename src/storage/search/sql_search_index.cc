#include "storage/search/sql_search_index.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include <soci/soci.h>
#include <sodium.h>

#include "core/search/similar_names.h"
#include "storage/accounts_sql.h"

namespace tafel::storage {

using app::search::Kind;
using app::search::SearchDocument;
using app::search::SearchHit;

namespace {

std::string joined(const std::vector<std::string>& terms) {
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

// A term as an FTS5 string: in double quotes, a quote doubled.
std::string fts5_string(const std::string& term) {
  std::string out = "\"";
  for (char c : term) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A term as a tsquery lexeme: in single quotes, a quote or backslash escaped.
std::string ts_lexeme(const std::string& term) {
  std::string out = "'";
  for (char c : term) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

bool has_positive(const search::NormalisedQuery& query) {
  for (const auto& c : query.clauses) {
    if (!c.excluded) return true;
  }
  return false;
}

}  // namespace

std::string fts5_query(const search::NormalisedQuery& query) {
  if (!has_positive(query)) return "";
  std::string positive, negative;
  for (const auto& c : query.clauses) {
    std::string part;
    if (c.phrase) {
      part = "stems:" + fts5_string(joined(c.terms));
      if (!c.sealed.empty()) part = "(" + part + " OR stems:" + fts5_string(joined(c.sealed)) + ")";
    } else {
      part = "(stems:" + fts5_string(c.terms[0]);
      if (!c.sealed.empty()) part += " OR stems:" + fts5_string(c.sealed[0]);
      if (c.prefix) part += " OR words:" + fts5_string(c.folded[0]) + "* OR stems:" + fts5_string(c.folded[0]) + "*";
      for (const auto& correction : c.corrections) part += " OR words:" + fts5_string(correction);
      part += ")";
    }
    if (c.excluded) {
      negative += " NOT " + part;
    } else {
      positive += (positive.empty() ? "" : " AND ") + part;
    }
  }
  return "(" + positive + ")" + negative;
}

std::string tsquery(const search::NormalisedQuery& query) {
  if (!has_positive(query)) return "";
  std::string out;
  for (const auto& c : query.clauses) {
    std::string part;
    if (c.phrase) {
      for (const auto& t : c.terms) part += (part.empty() ? "" : " <-> ") + ts_lexeme(t);
      part = "(" + part + ")";
      if (!c.sealed.empty()) {
        std::string keyed;
        for (const auto& t : c.sealed) keyed += (keyed.empty() ? "" : " <-> ") + ts_lexeme(t);
        part = "(" + part + " | (" + keyed + "))";
      }
    } else {
      part = "(" + ts_lexeme(c.terms[0]);
      if (!c.sealed.empty()) part += " | " + ts_lexeme(c.sealed[0]);
      if (c.prefix) part += " | " + ts_lexeme(c.folded[0]) + ":*";
      for (const auto& correction : c.corrections) part += " | " + ts_lexeme(correction);
      part += ")";
    }
    if (c.excluded) part = "!" + part;
    out += (out.empty() ? "" : " & ") + part;
  }
  return out;
}

std::string sealed_term(const std::vector<std::uint8_t>& key, const std::string& term) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key.data(), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(term.data()), term.size());
  crypto_auth_hmacsha256_final(&state, mac);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "k";
  for (int i = 0; i < 8; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 0xF];
  }
  return out;
}

search::NormalisedQuery SqlSearchIndex::with_sealed_terms(search::NormalisedQuery query) const {
  if (term_key_.empty()) return query;
  for (auto& c : query.clauses) {
    c.sealed.clear();
    for (const auto& t : c.terms) c.sealed.push_back(sealed_term(term_key_, t));
  }
  return query;
}

std::string fts5_query_in_languages(const std::vector<app::search::LanguageQuery>& queries,
                                    const std::vector<std::uint8_t>& term_key) {
  if (queries.size() < 2) return "";
  const auto& first = queries.front().query;
  std::vector<std::string> languages;
  for (const auto& lq : queries) {
    const auto& q = lq.query;
    if (lq.language.empty() || q.clauses.size() != first.clauses.size()) return "";
    for (std::size_t c = 0; c < q.clauses.size(); ++c) {
      const auto &a = q.clauses[c], &b = first.clauses[c];
      if (a.folded != b.folded || a.phrase != b.phrase || a.excluded != b.excluded || a.prefix != b.prefix ||
          a.corrections != b.corrections) {
        return "";
      }
    }
    languages.push_back(lq.language);
  }
  if (!has_positive(first)) return "";
  std::string positive, negative;
  for (std::size_t c = 0; c < first.clauses.size(); ++c) {
    // Each distinct stem (or phrase of stems), with the languages it is the stem in.
    std::vector<std::pair<std::string, std::vector<std::string>>> stems;
    auto add = [&stems](std::string text, const std::string& language) {
      for (auto& [t, ls] : stems) {
        if (t == text) {
          ls.push_back(language);
          return;
        }
      }
      stems.push_back({std::move(text), {language}});
    };
    for (const auto& lq : queries) {
      const auto& clause = lq.query.clauses[c];
      add(joined(clause.terms), lq.language);
      if (!term_key.empty()) {
        std::vector<std::string> keyed;
        for (const auto& t : clause.terms) keyed.push_back(sealed_term(term_key, t));
        add(joined(keyed), lq.language);
      }
    }
    std::string part;
    auto either = [&part](const std::string& piece) { part += (part.empty() ? "" : " OR ") + piece; };
    for (const auto& [text, in] : stems) {
      std::string piece = "stems:" + fts5_string(text);
      if (in.size() < languages.size()) {
        std::string filter;
        for (const auto& l : in) filter += (filter.empty() ? "" : " OR ") + ("language:" + l);
        piece = "(" + piece + " AND (" + filter + "))";
      }
      either(piece);
    }
    const auto& clause = first.clauses[c];
    if (clause.prefix) either("words:" + fts5_string(clause.folded[0]) + "* OR stems:" + fts5_string(clause.folded[0]) + "*");
    for (const auto& correction : clause.corrections) either("words:" + fts5_string(correction));
    part = "(" + part + ")";
    if (clause.excluded) {
      negative += " NOT " + part;
    } else {
      positive += (positive.empty() ? "" : " AND ") + part;
    }
  }
  return "(" + positive + ")" + negative;
}

Result<void> SqlSearchIndex::put(const SearchDocument& document) {
  if (document.sealed && term_key_.empty()) return fail("invalid_input", "no key for sealed search terms");
  const SearchDocument& d = document;
  const auto language = search::language_of(d.language);
  // Titles are names as often as not ("Overleg Oosterveld"): their words are indexed
  // both as written and as stems of the document's language.
  std::vector<std::string> words = analyzer_.words(d.title + "\n" + d.body);
  // Names: the words of the title, and every word of a document of names.
  std::vector<std::string> names =
      language == search::Language::none ? words : analyzer_.words(d.title);
  std::vector<std::string> stems;
  stems.reserve(words.size());
  for (const auto& w : words) stems.push_back(analyzer_.stem(w, language));
  std::string title = d.title, body = d.body;
  if (d.sealed) {
    // Nothing of the text stays readable: keyed stems only, no words, no names.
    for (auto& stem : stems) stem = sealed_term(term_key_, stem);
    words.clear();
    names.clear();
    title.clear();
    body.clear();
  }
  std::string kind(app::search::name_of(d.kind)), stem_text = joined(stems), word_text = joined(words);
  std::string fingerprint = app::search::fingerprint_of(d);
  long long record = d.record_id, at = d.at_us;
  long long table = d.table_id, organisation = d.organisation_id;
  soci::indicator table_ind = d.table_id ? soci::i_ok : soci::i_null;
  soci::indicator org_ind = d.organisation_id ? soci::i_ok : soci::i_null;
  return db_.transaction([&](soci::session& s) {
    // Replace: the triggers (SQLite) and the expression index (PostgreSQL) follow.
    s << "DELETE FROM search_documents WHERE kind = :k AND record_id = :r", soci::use(kind), soci::use(record);
    s << "INSERT INTO search_documents (kind, record_id, table_id, organisation_id, language, title, body, stems, "
         "words, at_us, fingerprint) VALUES (:k, :r, :t, :o, :l, :ti, :b, :s, :w, :a, :f)",
        soci::use(kind), soci::use(record), soci::use(table, table_ind), soci::use(organisation, org_ind),
        soci::use(d.language), soci::use(title), soci::use(body), soci::use(stem_text), soci::use(word_text),
        soci::use(at), soci::use(fingerprint);
    add_names(s, names);
  });
}

void SqlSearchIndex::add_names(soci::session& s, std::vector<std::string> const& words) {
  std::vector<std::string> fresh;
  for (const auto& w : words) {
    if (!search::name_like(w) || std::find(fresh.begin(), fresh.end(), w) != fresh.end()) continue;
    int known = 0;
    s << "SELECT COUNT(*) FROM search_names WHERE word = :w", soci::use(w), soci::into(known);
    if (known == 0) fresh.push_back(w);
  }
  for (const auto& w : fresh) {
    const auto trigrams = search::trigrams_of(w);
    int count = static_cast<int>(trigrams.size());
    s << "INSERT INTO search_names (word, trigram_count) VALUES (:w, :n)", soci::use(w), soci::use(count);
    for (const auto& t : trigrams) {
      s << "INSERT INTO search_name_trigrams (trigram, word) VALUES (:t, :w)", soci::use(t), soci::use(w);
    }
  }
}

Result<std::vector<std::string>> SqlSearchIndex::similar_names(const std::string& word) {
  std::vector<std::string> out;
  if (!search::name_like(word)) return out;
  const auto trigrams = search::trigrams_of(word);
  // The candidates share at least one trigram; Dice is computed from the shared count
  // and each side's count, and the threshold applied in SQL so only few rows return.
  std::string in;
  for (std::size_t i = 0; i < trigrams.size(); ++i) in += (i ? ", :t" : ":t") + std::to_string(i);
  long long own = static_cast<long long>(trigrams.size());
  // 2·shared / (own + n) >= threshold  <=>  2·shared·1000 >= threshold·1000·(own + n)
  long long threshold = static_cast<long long>(search::kSimilarNames * 1000);
  long long limit = static_cast<long long>(search::kMaxCorrections);
  const std::string sql =
      "SELECT n.word FROM search_name_trigrams t JOIN search_names n ON n.word = "
      "t.word WHERE t.trigram IN (" + in + ") GROUP BY n.word, n.trigram_count "
      "HAVING 2000 * COUNT(*) >= :th * (:own + n.trigram_count) "
      "ORDER BY 2000 * COUNT(*) - :th2 * (:own2 + n.trigram_count) DESC, n.word LIMIT :n";
  auto r = db_.with_session([&](soci::session& s) {
    std::string found;
    soci::statement st(s);
    st.exchange(soci::into(found));
    for (std::size_t i = 0; i < trigrams.size(); ++i) {
      st.exchange(soci::use(trigrams[i], "t" + std::to_string(i)));
    }
    st.exchange(soci::use(threshold, "th"));
    st.exchange(soci::use(own, "own"));
    st.exchange(soci::use(threshold, "th2"));
    st.exchange(soci::use(own, "own2"));
    st.exchange(soci::use(limit, "n"));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) out.push_back(found);
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<void> SqlSearchIndex::remove(Kind kind, std::int64_t record_id) {
  std::string k(app::search::name_of(kind));
  long long record = record_id;
  return db_.transaction([&](soci::session& s) {
    s << "DELETE FROM search_documents WHERE kind = :k AND record_id = :r", soci::use(k), soci::use(record);
  });
}

Result<std::vector<app::search::IndexedRecord>> SqlSearchIndex::table_records(std::int64_t table_id) {
  std::vector<app::search::IndexedRecord> out;
  long long table = table_id;
  auto r = db_.with_session([&](soci::session& s) {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT kind, record_id, fingerprint FROM search_documents WHERE table_id = :t AND kind IN "
                      "('minutes', 'decision', 'action')",
         soci::use(table));
    for (const auto& row : rows) {
      auto kind = app::search::parse_kind(sql::text(row, 0));
      if (!kind) continue;
      out.push_back({*kind, sql::integer(row, 1), sql::text(row, 2)});
    }
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

namespace {

// Bound parameters of one statement, by name.
struct Bindings {
  std::vector<std::pair<std::string, std::string>> texts;
  std::vector<std::pair<std::string, long long>> numbers;
};

// Runs `sql` (columns: kind, record_id, table_id, organisation_id, language, title,
// body, at_us, rank, then `extra` as an integer) and appends its rows to `hits`.
Result<void> read_hits(Database& db, const std::string& sql, const Bindings& bound, std::vector<SearchHit>& hits,
                       long long* extra = nullptr) {
  return db.with_session([&](soci::session& s) {
    soci::row row;
    soci::statement st(s);
    st.exchange(soci::into(row));
    for (const auto& [name, value] : bound.texts) st.exchange(soci::use(value, name));
    for (const auto& [name, value] : bound.numbers) st.exchange(soci::use(value, name));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) {
      if (extra) *extra = sql::integer(row, 9);
      SearchHit hit;
      auto parsed = app::search::parse_kind(sql::text(row, 0));
      if (!parsed) continue;  // a kind this version does not know: not shown
      hit.document.kind = *parsed;
      hit.document.record_id = sql::integer(row, 1);
      hit.document.table_id = sql::integer(row, 2);
      hit.document.organisation_id = sql::integer(row, 3);
      hit.document.language = sql::text(row, 4);
      hit.document.title = sql::text(row, 5);
      hit.document.body = sql::text(row, 6);
      hit.document.at_us = sql::integer(row, 7);
      hit.rank = row.get_properties(8).get_data_type() == soci::dt_double ? row.get<double>(8)
                                                                          : static_cast<double>(sql::integer(row, 8));
      hit.document.sealed = hit.document.kind == app::search::Kind::contribution;
      hits.push_back(std::move(hit));
    }
  });
}

// A marker lexeme of migration 0027 as a tsquery operand.
std::string marker(const std::string& name, const std::string& value) { return ts_lexeme("~" + name + "=" + value); }

// "(m(from) | ... | m(to))": the markers of every number in [from, to].
std::string any_marker(const std::string& name, long long from, long long to) {
  std::string out;
  for (long long v = from; v <= to; ++v) out += (out.empty() ? "(" : " | ") + marker(name, std::to_string(v));
  return out + ")";
}

constexpr const char* kColumns =
    "d.kind, d.record_id, d.table_id, d.organisation_id, d.language, d.title, d.body, d.at_us";

}  // namespace

Result<std::vector<SearchHit>> SqlSearchIndex::find_any(const std::vector<app::search::LanguageQuery>& queries,
                                                        const app::search::SearchFilter& filter) {
  for (const auto& lq : queries) {
    if (lq.language.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos) {
      return fail("invalid_input", "a language is a code of letters");
    }
  }
  if (filter.limit == 0) return std::vector<SearchHit>{};
  return db_.engine() == Engine::sqlite ? find_in_sqlite(queries, filter) : find_in_postgresql(queries, filter);
}

Result<std::vector<SearchHit>> SqlSearchIndex::find_in_sqlite(const std::vector<app::search::LanguageQuery>& queries,
                                                              const app::search::SearchFilter& filter) {
  std::vector<SearchHit> hits;
  Bindings bound;
  std::string match;  // one MATCH expression
  for (const auto& lq : queries) {
    const std::string q = fts5_query(with_sealed_terms(lq.query));
    if (q.empty()) continue;
    // The language is the FTS5 table's third column: a column filter.
    match += std::string(match.empty() ? "" : " OR ") +
             (lq.language.empty() ? "(" + q + ")" : "(language:" + lq.language + " AND " + q + ")");
  }
  if (match.empty()) return hits;
  // The same words in every language: one expression whose clauses say which
  // language each stem is of, so a word that stems alike (a name, a prefix) is
  // looked up once rather than once per language.
  if (auto merged = fts5_query_in_languages(queries, term_key_); !merged.empty()) match = merged;
  bound.texts = {{"q", match}};

  // Filters, written only when set.
  std::string conditions;
  if (filter.kind) {
    conditions += " AND d.kind = :k";
    bound.texts.push_back({"k", std::string(app::search::name_of(*filter.kind))});
  }
  auto number = [&](const std::optional<std::int64_t>& v, const char* sql, const char* name) {
    if (!v) return;
    conditions += sql;
    bound.numbers.push_back({name, static_cast<long long>(*v)});
  };
  number(filter.table_id, " AND d.table_id = :t", "t");
  number(filter.organisation_id, " AND d.organisation_id = :o", "o");
  number(filter.from_us, " AND d.at_us >= :f", "f");
  number(filter.to_us, " AND d.at_us < :u", "u");
  bound.numbers.push_back({"n", static_cast<long long>(filter.limit)});

  const std::string columns = kColumns;
  std::string sql;
  if (conditions.empty()) {
    // Unfiltered, a common word matches tens of thousands of documents: only the
    // kRankWithin most recently indexed matches are ranked. FTS5 finds the id of the
    // kRankWithin-th newest match by walking its doclist backwards, then ranks and cuts
    // on its own (ORDER BY rank LIMIT is its fast path); only the best rows are read.
    bound.texts.push_back({"q2", match});
    bound.numbers.push_back({"w", static_cast<long long>(kRankWithin) - 1});  // an OFFSET
    sql = "SELECT " + columns + ", -f.rank FROM (SELECT rowid AS id, rank FROM search_fts WHERE search_fts MATCH :q "
          "AND rowid >= COALESCE((SELECT rowid FROM search_fts WHERE search_fts MATCH :q2 ORDER BY rowid DESC "
          "LIMIT 1 OFFSET :w), 0) ORDER BY rank LIMIT :n) f JOIN search_documents d ON d.id = f.id "
          "ORDER BY f.rank, d.at_us DESC";
  } else {
    sql = "SELECT " + columns + ", -bm25(search_fts) FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid "
          "WHERE search_fts MATCH :q" + conditions + " ORDER BY bm25(search_fts), d.at_us DESC LIMIT :n";
  }
  if (auto r = read_hits(db_, sql, bound, hits); !r) return tl::unexpected(r.error());
  return hits;
}

Result<std::vector<SearchHit>> SqlSearchIndex::find_in_postgresql(
    const std::vector<app::search::LanguageQuery>& queries, const app::search::SearchFilter& filter) {
  std::vector<SearchHit> hits;
  Bindings bound;
  // Each language's query joined to its language's marker (migration 0027), OR'ed: the
  // GIN index alone says which documents match in their own language. Each kept
  // candidate is ranked with its own language's query.
  std::string match, rank;
  for (const auto& lq : queries) {
    const std::string q = tsquery(with_sealed_terms(lq.query));
    if (q.empty()) continue;
    const std::string i = std::to_string(bound.texts.size());
    // (The tsquery operators && and || bind alike, left to right: each pair in brackets.)
    match += std::string(match.empty() ? "" : " || ") + "(to_tsquery('simple', :q" + i + ")";
    bound.texts.push_back({"q" + i, q});
    if (!lq.language.empty()) {
      match += " && CAST(:l" + i + " AS tsquery)";
      bound.texts.push_back({"l" + i, marker("lang", lq.language)});
    }
    match += ")";
    rank += " WHEN " + (lq.language.empty() ? std::string("TRUE") : "d.language = :m" + i) +
            " THEN ts_rank(d.terms, to_tsquery('simple', :r" + i + "))";
    bound.texts.push_back({"r" + i, q});
    if (!lq.language.empty()) bound.texts.push_back({"m" + i, lq.language});
  }
  if (match.empty()) return hits;

  // Filters: the kind and the years of a period are markers too; the period's bounds,
  // the table and the organisation are columns (the last two with their own index).
  std::string markers, conditions;
  auto and_marker = [&markers](const std::string& m) { markers += (markers.empty() ? "" : " & ") + m; };
  if (filter.kind) and_marker(marker("kind", std::string(app::search::name_of(*filter.kind))));
  if (filter.from_us && filter.to_us && *filter.to_us > *filter.from_us &&
      (*filter.to_us - 1) / kYearMarkerUs - *filter.from_us / kYearMarkerUs < 20) {
    and_marker(any_marker("year", *filter.from_us / kYearMarkerUs, (*filter.to_us - 1) / kYearMarkerUs));
  }
  auto number = [&](const std::optional<std::int64_t>& v, const char* sql, const char* name) {
    if (!v) return;
    conditions += sql;
    bound.numbers.push_back({name, static_cast<long long>(*v)});
  };
  number(filter.table_id, " AND d.table_id = :t", "t");
  number(filter.organisation_id, " AND d.organisation_id = :o", "o");
  number(filter.from_us, " AND d.at_us >= :f", "f");
  number(filter.to_us, " AND d.at_us < :u", "u");
  bound.numbers.push_back({"w", static_cast<long long>(kRankWithin)});
  bound.numbers.push_back({"n", static_cast<long long>(filter.limit)});

  // Only the kRankWithin most recently indexed matches are ranked, filtered or not. A
  // common word matches tens of thousands of documents, and the GIN index cannot give
  // them newest first (each candidate's row is read for its id): the lookup first looks
  // among the newest kWindowBlocks blocks of ids (a marker each), and among all only
  // when those hold fewer than kRankWithin matches. A table's or an organisation's
  // documents are few: looked up at once.
  long long blocks = filter.table_id || filter.organisation_id ? 0 : kWindowBlocks;  // 0: every block
  // The candidates first (an exact bitmap of the GIN index: no row is read but the
  // candidates', and no tsvector but a phrase's), the newest kRankWithin, by row
  // address; then only those rows are read (a TID scan) and ranked.
  auto sql_with = [&](bool window) {
    return "WITH c AS MATERIALIZED (SELECT d.ctid AS t FROM search_documents d WHERE d.terms @@ (" + match + ")" +
           (window ? " AND d.terms @@ CAST(:window AS tsquery)" : "") + conditions +
           " ORDER BY d.id DESC LIMIT :w) SELECT " + kColumns + ", CASE" + rank +
           " ELSE 0 END, (SELECT COUNT(*) FROM c) FROM search_documents d WHERE d.ctid = ANY (ARRAY(SELECT t FROM "
           "c)) ORDER BY 9 DESC, d.at_us DESC LIMIT :n";
  };
  std::optional<Error> failed;
  auto done = db_.transaction([&](soci::session& s) {
    // The planner does not see what reading a candidate's TOASTed tsvector costs: with
    // a common word it would test every row's terms (a sequential scan, or the primary
    // key walked backwards) rather than use the exact bitmap of the GIN index. Only
    // bitmap and TID scans, for these statements; the caller's settings come back after.
    long long last_block = 0;  // (the primary key's last entry: before index scans are off)
    if (blocks > 0) {
      s << "SELECT COALESCE(MAX(id), 0) / " + std::to_string(kBlockMarkerIds) + " FROM search_documents",
          soci::into(last_block);
    }
    std::string seqscan, indexscan;
    s << "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')", soci::into(seqscan),
        soci::into(indexscan);
    s << "SET LOCAL enable_seqscan = off";
    s << "SET LOCAL enable_indexscan = off";
    for (;;) {
      if (blocks * 2 > last_block + 1) blocks = 0;  // most of the index: all of it
      std::string window = markers;
      if (blocks > 0) {
        window += (window.empty() ? "" : " & ") + any_marker("block", last_block - blocks + 1, last_block);
      }
      Bindings round = bound;
      if (!window.empty()) round.texts.push_back({"window", window});
      hits.clear();
      long long candidates = 0;
      if (auto r = read_hits(db_, sql_with(!window.empty()), round, hits, &candidates); !r) {
        failed = r.error();
        throw std::runtime_error(r.error().message);
      }
      if (blocks == 0 || candidates >= static_cast<long long>(kRankWithin)) break;
      // Fewer than kRankWithin in the window: the word is not common, its matches are
      // few enough to look among all of them. (Windows widened step by step cost a GIN
      // lookup each: measured slower, docs/performance.md.)
      blocks = 0;
    }
    s << "SELECT set_config('enable_seqscan', :s, true), set_config('enable_indexscan', :i, true)",
        soci::use(seqscan), soci::use(indexscan);
  });
  if (failed) return tl::unexpected(*failed);
  if (!done) return tl::unexpected(done.error());
  return hits;
}

}  // namespace tafel::storage
