#include "storage/search/sql_search_index.h"

#include <algorithm>

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
  long long record = d.record_id, at = d.at_us;
  long long table = d.table_id, organisation = d.organisation_id;
  soci::indicator table_ind = d.table_id ? soci::i_ok : soci::i_null;
  soci::indicator org_ind = d.organisation_id ? soci::i_ok : soci::i_null;
  return db_.transaction([&](soci::session& s) {
    // Replace: the triggers (SQLite) and the expression index (PostgreSQL) follow.
    s << "DELETE FROM search_documents WHERE kind = :k AND record_id = :r", soci::use(kind), soci::use(record);
    s << "INSERT INTO search_documents (kind, record_id, table_id, organisation_id, language, title, body, stems, "
         "words, at_us) VALUES (:k, :r, :t, :o, :l, :ti, :b, :s, :w, :a)",
        soci::use(kind), soci::use(record), soci::use(table, table_ind), soci::use(organisation, org_ind),
        soci::use(d.language), soci::use(title), soci::use(body), soci::use(stem_text), soci::use(word_text),
        soci::use(at);
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

Result<void> SqlSearchIndex::remove_table_records(std::int64_t table_id) {
  long long table = table_id;
  return db_.transaction([&](soci::session& s) {
    s << "DELETE FROM search_documents WHERE table_id = :t AND kind IN ('minutes', 'decision', 'action')",
        soci::use(table);
  });
}

Result<std::vector<SearchHit>> SqlSearchIndex::find(const search::NormalisedQuery& query,
                                                    const app::search::SearchFilter& filter) {
  std::vector<SearchHit> hits;
  const bool sqlite = db_.engine() == Engine::sqlite;
  const auto keyed = with_sealed_terms(query);
  const std::string match = sqlite ? fts5_query(keyed) : tsquery(keyed);
  if (match.empty() || filter.limit == 0) return hits;

  // Filters as bound values; an absent one is written so that it always holds.
  std::string kind = filter.kind ? std::string(app::search::name_of(*filter.kind)) : std::string();
  std::string language = filter.language.value_or("");
  int has_language = filter.language ? 1 : 0;
  long long table = filter.table_id.value_or(0), organisation = filter.organisation_id.value_or(0);
  long long from = filter.from_us.value_or(0), to = filter.to_us.value_or(0);
  long long limit = static_cast<long long>(filter.limit);
  int has_kind = filter.kind ? 1 : 0, has_table = filter.table_id ? 1 : 0, has_org = filter.organisation_id ? 1 : 0;
  int has_from = filter.from_us ? 1 : 0, has_to = filter.to_us ? 1 : 0;
  const std::string conditions =
      " AND (:hk = 0 OR d.kind = :k) AND (:hl = 0 OR d.language = :l) AND (:ht = 0 OR d.table_id = :t) AND (:ho = 0 OR d.organisation_id = :o)"
      " AND (:hf = 0 OR d.at_us >= :f) AND (:hu = 0 OR d.at_us < :u)";
  const std::string sql =
      sqlite ? "SELECT d.kind, d.record_id, d.table_id, d.organisation_id, d.language, d.title, d.body, d.at_us, "
               "-bm25(search_fts) FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid "
               "WHERE search_fts MATCH :q" + conditions + " ORDER BY bm25(search_fts), d.at_us DESC LIMIT :n"
             : "SELECT d.kind, d.record_id, d.table_id, d.organisation_id, d.language, d.title, d.body, d.at_us, "
               "ts_rank(to_tsvector('simple', d.stems || ' ' || d.words), q) FROM search_documents d, "
               "to_tsquery('simple', :q) q WHERE to_tsvector('simple', d.stems || ' ' || d.words) @@ q" +
                   conditions + " ORDER BY 9 DESC, d.at_us DESC LIMIT :n";
  auto r = db_.with_session([&](soci::session& s) {
    soci::rowset<soci::row> rows = (s.prepare << sql, soci::use(match, "q"), soci::use(has_kind, "hk"),
                                    soci::use(kind, "k"), soci::use(has_language, "hl"), soci::use(language, "l"),
                                    soci::use(has_table, "ht"), soci::use(table, "t"),
                                    soci::use(has_org, "ho"), soci::use(organisation, "o"), soci::use(has_from, "hf"),
                                    soci::use(from, "f"), soci::use(has_to, "hu"), soci::use(to, "u"),
                                    soci::use(limit, "n"));
    for (const auto& row : rows) {
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
      hits.push_back(std::move(hit));
    }
  });
  if (!r) return tl::unexpected(r.error());
  return hits;
}

}  // namespace tafel::storage
