#include "support/query_plans.h"

#include <cctype>
#include <map>
#include <sstream>

#include <soci/soci.h>

#include "storage/migration.h"

namespace tafel::test_support {
namespace {

// Tables that do not grow with use: a scan of them costs the same for a town and
// for a country. CONSTANT and subquery are SQLite's "SCAN CONSTANT ROW" and
// "SCAN (subquery-1)" (the subquery's own tables are checked on their lines).
const std::set<std::string> kFixedTables = {"schema_version", "audit_head", "topics", "sqlite_master", "CONSTANT",
                                           "subquery"};

// Statements allowed to read a whole growing table, matched by a distinctive part of
// their text, each with the reason it may.
struct Allowance {
  const char* statement_part;
  const char* reason;
};
const Allowance kAllowedFullScans[] = {
    // Bounded by the country, not by use: Belgium has about 3,000 organisations and a
    // few thousand areas, and the pages that pick one list them all.
    {"FROM organisations WHERE id >= :v ORDER BY name",
     "every organisation, for the directory and the pickers: bounded by the country (~3,000)"},
    {"FROM organisation_areas WHERE organisation_id IN (SELECT id FROM organisations WHERE id >= :v)",
     "the areas of every organisation, read with that list in one kept-prepared statement (ADR 0021): bounded by "
     "the country"},
    {"SELECT id, kind, name, parent_id FROM areas ORDER BY name, id",
     "every area, for the pickers and the area tree: bounded by the country (~600 municipalities and districts)"},
    {"SELECT id, revision FROM agreements WHERE id > :i ORDER BY id",
     "every agreement: the sharing engine's world is built from all of them, once per generation (ADR 0015)"},
    {"FROM agreement_versions WHERE agreement_id > :i",
     "the versions of every agreement, for the same world build (ADR 0015)"},
    {"FROM agreement_signatures WHERE agreement_id > :i",
     "the signatures of every agreement, for the same world build (ADR 0015)"},
    {"FROM contact_points WHERE id >= :v ORDER BY id",
     "the national coverage report of the platform admin (/api/v1/coverage without organisation) analyses every "
     "contact point; organisation admins read their own organisation's rows"},
    {"SELECT document, version FROM consultation_tables ORDER BY name, id",
     "every table head (names, bases, members; no meetings or actions) for the sharing engine's world, built "
     "once per generation (ADR 0015); the lists people read are keyset pages (heads_page)"},
};

std::string normalise(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool is_data_statement(const std::string& statement) {
  std::string head = upper(statement.substr(0, 7));
  return head.starts_with("SELECT") || head.starts_with("INSERT") || head.starts_with("UPDATE") ||
         head.starts_with("DELETE") || head.starts_with("WITH");
}

const Allowance* allowance_for(const std::string& statement) {
  for (const auto& a : kAllowedFullScans) {
    if (statement.find(a.statement_part) != std::string::npos) return &a;
  }
  return nullptr;
}

// The statement's words (identifiers and keywords), in order.
std::vector<std::string> words(const std::string& statement) {
  std::vector<std::string> out;
  std::string word;
  for (char c : statement + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      word.push_back(c);
    } else if (!word.empty()) {
      out.push_back(word);
      word.clear();
    }
  }
  return out;
}

// alias (or table name) -> table, from the FROM / JOIN / UPDATE / INTO clauses.
std::map<std::string, std::string> aliases(const std::string& statement) {
  static const std::set<std::string> kKeywords = {"WHERE", "JOIN",  "LEFT",  "INNER", "ON",     "ORDER",
                                                  "GROUP", "LIMIT", "SET",   "USING", "VALUES", "CROSS",
                                                  "UNION", "AND",   "OR",    "AS",    "HAVING", "OUTER",
                                                  "SELECT", "RETURNING", "DEFAULT"};
  std::map<std::string, std::string> out;
  auto w = words(statement);
  for (std::size_t i = 0; i + 1 < w.size(); ++i) {
    std::string k = upper(w[i]);
    if (k != "FROM" && k != "JOIN" && k != "UPDATE" && k != "INTO") continue;
    const std::string& table = w[i + 1];
    out[table] = table;
    std::size_t a = i + 2;
    if (a < w.size() && upper(w[a]) == "AS") ++a;
    if (a < w.size() && !kKeywords.count(upper(w[a]))) out[w[a]] = table;
  }
  return out;
}

bool has_limit(const std::string& statement) {
  for (const auto& w : words(statement)) {
    if (upper(w) == "LIMIT") return true;
  }
  return false;
}

// The word after `marker` in `line`, or "" when `marker` is not in it.
std::string word_after(const std::string& line, const std::string& marker) {
  auto at = line.find(marker);
  if (at == std::string::npos) return {};
  auto w = words(line.substr(at + marker.size()));
  return w.empty() ? std::string() : w.front();
}

// SOCI's ":name" placeholders as PostgreSQL's $1..$n (one number per occurrence, as
// SOCI binds them), outside string literals and "::" casts. Returns the count too.
std::pair<std::string, int> numbered_placeholders(const std::string& statement) {
  std::string out;
  int count = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < statement.size(); ++i) {
    char c = statement[i];
    if (c == '\'') quoted = !quoted;
    if (!quoted && c == ':' && i + 1 < statement.size() && statement[i + 1] == ':') {
      out += "::";
      ++i;
      continue;
    }
    if (!quoted && c == ':' && i + 1 < statement.size() &&
        (std::isalpha(static_cast<unsigned char>(statement[i + 1])) || statement[i + 1] == '_')) {
      std::size_t j = i + 1;
      while (j < statement.size() && (std::isalnum(static_cast<unsigned char>(statement[j])) || statement[j] == '_')) ++j;
      out += "$" + std::to_string(++count);
      i = j - 1;
      continue;
    }
    out.push_back(c);
  }
  return {out, count};
}

std::vector<std::string> sqlite_plan(soci::session& sql, const std::string& statement) {
  std::vector<std::string> lines;
  soci::rowset<soci::row> rows = (sql.prepare << "EXPLAIN QUERY PLAN " + statement);
  for (const auto& row : rows) lines.push_back(row.get<std::string>(3));
  return lines;
}

std::vector<std::string> postgresql_plan(soci::session& sql, const std::string& statement) {
  auto [numbered, count] = numbered_placeholders(statement);
  std::vector<std::string> lines;
  sql << "PREPARE tafel_plan_check AS " + numbered;
  try {
    std::string args;
    for (int i = 0; i < count; ++i) args += (i ? ", NULL" : "NULL");
    std::string explain = "EXPLAIN EXECUTE tafel_plan_check" + (count ? "(" + args + ")" : std::string());
    soci::rowset<std::string> rows = (sql.prepare << explain);
    for (const auto& line : rows) lines.push_back(line);
  } catch (...) {
    sql << "DEALLOCATE tafel_plan_check";
    throw;
  }
  sql << "DEALLOCATE tafel_plan_check";
  return lines;
}

// The growing tables `plan` reads whole.
std::vector<std::string> scanned_tables(storage::Engine engine, const std::string& statement,
                                        const std::vector<std::string>& plan) {
  auto names = aliases(statement);
  auto table_of = [&](const std::string& name) {
    auto it = names.find(name);
    return it == names.end() ? name : it->second;
  };
  bool sorted = false;
  for (const auto& line : plan) {
    if (line.find("TEMP B-TREE") != std::string::npos || line.find("Sort") != std::string::npos) sorted = true;
  }
  // A scan in index order that stops after LIMIT rows reads one page.
  bool bounded = has_limit(statement) && !sorted;
  std::vector<std::string> tables;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    std::string table;
    if (engine == storage::Engine::sqlite) {
      if (plan[i].starts_with("SCAN ")) table = table_of(word_after(plan[i], "SCAN "));
      // A range without an equality ("id >= ?") reads from the bound onwards: with an
      // unknown bound, as good as the whole table unless a LIMIT stops it.
      auto open = plan[i].find(" (");
      if (plan[i].starts_with("SEARCH ") && open != std::string::npos &&
          plan[i].find("=?", open) == std::string::npos) {
        table = table_of(word_after(plan[i], "SEARCH "));
      }
    } else if (plan[i].find("Seq Scan on ") != std::string::npos) {
      table = word_after(plan[i], "Seq Scan on ");
    } else if (plan[i].find("Bitmap Index Scan") != std::string::npos) {
      // Reads the rows its condition selects; a range only ("id > $1") reads the rest
      // of the table unless a LIMIT stops it (the planner sorts afterwards only
      // because a test table is tiny).
      bool equality = false;
      for (std::size_t j = i + 1; j < plan.size() && plan[j].find("->") == std::string::npos; ++j) {
        if (plan[j].find("Index Cond:") != std::string::npos && plan[j].find(" = ") != std::string::npos) equality = true;
      }
      if (!equality && !has_limit(statement)) table = word_after(plan[i], " on ");
    } else if (plan[i].find("Index Scan") != std::string::npos || plan[i].find("Index Only Scan") != std::string::npos) {
      // An index scan without a condition walks the whole index.
      // So does one whose condition is a range only ("id >= $1"; see above).
      bool conditioned = false;
      for (std::size_t j = i + 1; j < plan.size() && plan[j].find("->") == std::string::npos; ++j) {
        if (plan[j].find("Index Cond:") != std::string::npos && plan[j].find(" = ") != std::string::npos) {
          conditioned = true;
        }
      }
      if (!conditioned) table = word_after(plan[i], " on ");
    }
    if (table.empty() || kFixedTables.count(table) || bounded) continue;
    tables.push_back(table);
  }
  return tables;
}

// The statements of the migrations (on both engines): schema changes, not requests.
const std::set<std::string>& migration_statements() {
  static const std::set<std::string> statements = [] {
    std::set<std::string> out;
    for (const auto& migration : storage::builtin_migrations()) {
      for (auto engine : {storage::Engine::sqlite, storage::Engine::postgresql}) {
        auto rendered = storage::render_sql(migration.sql, engine);
        if (!rendered) continue;
        for (const auto& s : storage::split_statements(*rendered)) out.insert(normalise(s));
      }
    }
    return out;
  }();
  return statements;
}

}  // namespace

StatementRecorder::StatementRecorder() {
  const auto& migrations = migration_statements();
  storage::Database::observe_statements([this, &migrations](const std::string& statement) {
    std::string text = normalise(statement);
    if (!is_data_statement(text) || migrations.count(text)) return;
    std::lock_guard lock(mutex_);
    statements_.insert(std::move(text));
  });
}

StatementRecorder::~StatementRecorder() { storage::Database::observe_statements(nullptr); }

std::set<std::string> StatementRecorder::statements() const {
  std::lock_guard lock(mutex_);
  return statements_;
}

Result<std::vector<FullScan>> full_scans(storage::Database& database, const std::set<std::string>& statements) {
  std::vector<FullScan> found;
  std::string failure;
  auto done = database.with_session([&](soci::session& sql) {
    if (database.engine() == storage::Engine::postgresql) {
      sql << "SET enable_seqscan = off";
      sql << "SET plan_cache_mode = force_generic_plan";
    }
    for (const auto& statement : statements) {
      std::vector<std::string> plan;
      try {
        plan = database.engine() == storage::Engine::sqlite ? sqlite_plan(sql, statement)
                                                             : postgresql_plan(sql, statement);
      } catch (const std::exception& e) {
        failure += "cannot explain: " + statement + "\n  " + e.what() + "\n";
        continue;
      }
      if (allowance_for(statement)) continue;
      std::string text;
      for (const auto& line : plan) text += line + "\n";
      for (const auto& table : scanned_tables(database.engine(), statement, plan)) {
        found.push_back({statement, table, text});
      }
    }
    if (database.engine() == storage::Engine::postgresql) {
      sql << "RESET enable_seqscan";
      sql << "RESET plan_cache_mode";
    }
  });
  if (!done) return tl::unexpected(done.error());
  if (!failure.empty()) return fail("plan_unavailable", failure);
  return found;
}

std::vector<std::string> unused_allowances(const std::set<std::string>& statements) {
  std::vector<std::string> unused;
  for (const auto& a : kAllowedFullScans) {
    bool used = false;
    for (const auto& s : statements) used = used || s.find(a.statement_part) != std::string::npos;
    if (!used) unused.emplace_back(a.statement_part);
  }
  return unused;
}

}  // namespace tafel::test_support
