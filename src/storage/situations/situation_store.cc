#include "storage/situations/situation_store.h"

#include <algorithm>
#include <limits>
#include <set>

#include <boost/json.hpp>
#include <soci/soci.h>

#include "storage/document_rows.h"
#include "storage/json_reader.h"

namespace tafel::storage {

namespace json = boost::json;
using namespace tafel::situations;

namespace {

std::int64_t now_us(const app::Clock& clock) { return clock.now().time_since_epoch().count(); }

template <typename T, typename F>
json::array array_of(const std::vector<T>& items, F&& f) {
  json::array a;
  for (const auto& x : items) a.push_back(f(x));
  return a;
}

// Throws on a malformed document; decode_situation turns that into corrupt_record.
using Reader = JsonReader;

json::value optional_number(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }

Situation decode(const json::object& o) {
  Reader r{o};
  Situation s;
  s.title = r.s("title");
  s.behaviour = r.s("behaviour");
  s.since = r.s("since");
  s.area = r.i("area");
  s.address = r.s("address");
  s.latitude = r.d("latitude");
  s.longitude = r.d("longitude");
  s.stage = r.e<Stage>("stage", parse_stage);
  Reader t{o.at("triangle").as_object()};
  s.triangle = {t.s("offender"), t.s("target"), t.s("place"), t.s("handler"), t.s("guardian"), t.s("manager")};
  s.action_plan = r.s("action_plan");
  s.assessment = r.s("assessment");
  s.owner = r.i("owner");
  for (const auto& v : r.a("participants")) s.participants.push_back(v.to_number<std::int64_t>());
  s.table = r.i("table");
  for (const auto& v : r.a("goals")) {
    Reader x{v.as_object()};
    s.goals.push_back({x.i("organisation"), x.s("text")});
  }
  for (const auto& v : r.a("actions")) {
    Reader x{v.as_object()};
    auto status = parse_action_status(x.s("status"));
    if (!status) throw std::runtime_error("bad status");
    s.actions.push_back({x.i("id"), x.s("description"), x.i("owner_organisation"), x.i("owner_user"), x.s("due"), *status});
  }
  for (const auto& v : r.a("voices")) {
    Reader x{v.as_object()};
    s.voices.push_back({x.i("id"), x.s("quote"), x.s("date"), x.i("organisation")});
  }
  for (const auto& v : r.a("steps")) {
    Reader x{v.as_object()};
    s.steps.push_back({x.e<Stage>("from", parse_stage), x.e<Stage>("to", parse_stage), x.i("by"), x.i("at_us")});
  }
  for (const auto& v : r.a("confirmations")) {
    Reader x{v.as_object()};
    s.confirmations.push_back({x.s("field"), x.s("kind"), x.i("by"), x.i("at_us")});
  }
  s.next_id = r.i("next_id");
  return s;
}

void write_organisations(soci::session& session, const Situation& s) {
  long long id = s.id;
  session << "DELETE FROM situation_organisations WHERE situation_id = :i", soci::use(id);
  for (auto org : s.organisations()) {
    long long o = org;
    session << "INSERT INTO situation_organisations (situation_id, organisation_id) VALUES (:s, :o)", soci::use(id),
        soci::use(o);
  }
}

Result<std::vector<Situation>> decode_rows(const std::vector<DocumentRow>& rows) {
  return decode_document_rows<Situation>(rows, decode_situation);
}

}  // namespace

std::string encode_situation(const Situation& s) {
  json::object o{
      {"title", s.title},
      {"behaviour", s.behaviour},
      {"since", s.since},
      {"area", s.area},
      {"address", s.address},
      {"latitude", optional_number(s.latitude)},
      {"longitude", optional_number(s.longitude)},
      {"stage", name_of(s.stage)},
      {"triangle", json::object{{"offender", s.triangle.offender},
                                {"target", s.triangle.target},
                                {"place", s.triangle.place},
                                {"handler", s.triangle.handler},
                                {"guardian", s.triangle.guardian},
                                {"manager", s.triangle.manager}}},
      {"action_plan", s.action_plan},
      {"assessment", s.assessment},
      {"owner", s.owner},
      {"participants", array_of(s.participants, [](auto id) { return json::value(id); })},
      {"table", s.table},
      {"goals", array_of(s.goals,
                         [](const Goal& g) -> json::value {
                           return json::object{{"organisation", g.organisation}, {"text", g.text}};
                         })},
      {"actions", array_of(s.actions,
                           [](const SituationAction& a) -> json::value {
                             return json::object{{"id", a.id},
                                                 {"description", a.description},
                                                 {"owner_organisation", a.owner_organisation},
                                                 {"owner_user", a.owner_user},
                                                 {"due", a.due},
                                                 {"status", name_of(a.status)}};
                           })},
      {"voices", array_of(s.voices,
                          [](const Voice& v) -> json::value {
                            return json::object{
                                {"id", v.id}, {"quote", v.quote}, {"date", v.date}, {"organisation", v.organisation}};
                          })},
      {"steps", array_of(s.steps,
                         [](const StageStep& x) -> json::value {
                           return json::object{
                               {"from", name_of(x.from)}, {"to", name_of(x.to)}, {"by", x.by}, {"at_us", x.at_us}};
                         })},
      {"confirmations", array_of(s.confirmations,
                                 [](const Confirmation& c) -> json::value {
                                   return json::object{
                                       {"field", c.field}, {"kind", c.kind}, {"by", c.by}, {"at_us", c.at_us}};
                                 })},
      {"next_id", s.next_id}};
  return json::serialize(o);
}

Result<Situation> decode_situation(std::string_view text) {
  return decode_document<Situation>(text, [](const json::object& o) { return decode(o); }, "a stored situation could not be read");
}

Result<Situation> SqlSituationStore::insert(Situation situation) {
  std::int64_t at = now_us(clock_);
  auto r = db_.transaction([&](soci::session& s) {
    std::string placeholder = "{}", stage(name_of(situation.stage));
    long long version = 1, id = 0, owner = situation.owner, area = situation.area;
    soci::indicator area_ind = situation.area ? soci::i_ok : soci::i_null;
    s << "INSERT INTO situations (title, owner_organisation_id, stage, area_id, version, document, created_at, "
         "updated_at) VALUES (:t, :o, :s, :a, :v, :d, :c, :u) RETURNING id",
        soci::use(situation.title), soci::use(owner), soci::use(stage), soci::use(area, area_ind), soci::use(version),
        soci::use(placeholder), soci::use(at), soci::use(at), soci::into(id);
    situation.id = id;
    situation.version = 1;
    std::string document = encode_situation(situation);
    s << "UPDATE situations SET document = :d WHERE id = :i", soci::use(document), soci::use(id);
    write_organisations(s, situation);
  });
  if (!r) return tl::unexpected(r.error());
  return situation;
}

Result<std::optional<Situation>> SqlSituationStore::find(std::int64_t id) {
  std::string document;
  long long version = 0;
  soci::indicator found = soci::i_null;
  auto r = db_.with_session([&](soci::session& s) {
    long long key = id;
    s << "SELECT document, version FROM situations WHERE id = :i", soci::use(key), soci::into(document, found),
        soci::into(version);
  });
  if (!r) return tl::unexpected(r.error());
  if (found != soci::i_ok) return std::optional<Situation>();
  auto decoded = decode_situation(document);
  if (!decoded) return tl::unexpected(decoded.error());
  decoded->id = id;
  decoded->version = version;
  return std::optional<Situation>(std::move(*decoded));
}

Result<Situation> SqlSituationStore::update(Situation situation) {
  std::int64_t at = now_us(clock_);
  bool missing = false, conflict = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long id = situation.id, current = 0;
    soci::indicator found = soci::i_null;
    s << "SELECT version FROM situations WHERE id = :i", soci::use(id), soci::into(current, found);
    if (found != soci::i_ok) {
      missing = true;
      return;
    }
    if (current != situation.version) {
      conflict = true;
      return;
    }
    long long next = current + 1, area = situation.area;
    soci::indicator area_ind = situation.area ? soci::i_ok : soci::i_null;
    Situation saved = situation;
    saved.version = next;
    std::string document = encode_situation(saved), stage(name_of(saved.stage));
    // The version condition makes the check and the write one step on both engines.
    s << "UPDATE situations SET title = :t, stage = :s, area_id = :a, version = :v, document = :d, updated_at = :u "
         "WHERE id = :i AND version = :c",
        soci::use(saved.title), soci::use(stage), soci::use(area, area_ind), soci::use(next), soci::use(document),
        soci::use(at), soci::use(id), soci::use(current);
    write_organisations(s, saved);
    situation = std::move(saved);
  });
  if (!r) return tl::unexpected(r.error());
  if (missing) return fail("not_found", "no such situation");
  if (conflict) return fail("conflict", "the situation changed meanwhile; reload and retry");
  return situation;
}

Result<std::vector<Situation>> SqlSituationStore::list(std::optional<access::OrganisationId> organisation,
                                                       std::int64_t before, std::size_t limit) {
  std::vector<DocumentRow> rows;
  auto r = db_.with_session([&](soci::session& s) {
    long long org = organisation.value_or(0), id = 0, version = 0;
    long long below = before > 0 ? before : std::numeric_limits<long long>::max();
    long long most = static_cast<long long>(limit);
    std::string document;
    // Keyset pages, newest first: the membership index (organisation, situation) or
    // the primary key, read from `below` down for `most` rows.
    soci::statement st =
        organisation
            ? (s.prepare << "SELECT t.id, t.document, t.version FROM situation_organisations m JOIN situations t "
                            "ON t.id = m.situation_id WHERE m.organisation_id = :o AND m.situation_id < :b "
                            "ORDER BY m.situation_id DESC LIMIT :l",
               soci::use(org), soci::use(below), soci::use(most), soci::into(id), soci::into(document),
               soci::into(version))
            : (s.prepare << "SELECT id, document, version FROM situations WHERE id < :b ORDER BY id DESC LIMIT :l",
               soci::use(below), soci::use(most), soci::into(id), soci::into(document), soci::into(version));
    st.execute();
    while (st.fetch()) rows.emplace_back(id, document, version);
  });
  if (!r) return tl::unexpected(r.error());
  return decode_rows(rows);
}

Result<std::vector<std::string>> SqlSituationStore::display_names_among(const std::vector<std::string>& keys) {
  // The key as an expression both engines index (migration 0023): spaces trimmed,
  // ASCII letters lowered (PostgreSQL's lower() under the "C" collation does only
  // ASCII, as situations::name_key).
  const char* key = db_.engine() == Engine::sqlite ? "lower(trim(display_name, ' '))"
                                                   : "lower(btrim(display_name, ' ') COLLATE \"C\")";
  // Keys go in chunks of a fixed size (unused places hold a key no name has), so
  // the statement's text is the same for every call.
  constexpr std::size_t kChunk = 64;
  std::string sql = std::string("SELECT DISTINCT display_name FROM users WHERE ") + key + " IN (";
  for (std::size_t i = 0; i < kChunk; ++i) sql += (i ? ", :k" : ":k") + std::to_string(i);
  sql += ")";
  std::set<std::string> names;
  auto r = db_.with_session([&](soci::session& s) {
    for (std::size_t at = 0; at < keys.size(); at += kChunk) {
      std::vector<std::string> chunk(kChunk);  // "" is no name's key: a name has a space
      std::copy(keys.begin() + static_cast<std::ptrdiff_t>(at),
                keys.begin() + static_cast<std::ptrdiff_t>(std::min(keys.size(), at + kChunk)), chunk.begin());
      std::string name;
      soci::statement st(s);
      st.exchange(soci::into(name));
      for (auto& k : chunk) st.exchange(soci::use(k));
      st.alloc();
      st.prepare(sql);
      st.define_and_bind();
      st.execute();
      while (st.fetch()) names.insert(name);
    }
  });
  if (!r) return tl::unexpected(r.error());
  return std::vector<std::string>(names.begin(), names.end());
}

namespace {
Result<bool> exists(Database& db, const char* sql, std::int64_t id) {
  long long count = 0, key = id;
  auto r = db.with_session([&](soci::session& s) { s << sql, soci::use(key), soci::into(count); });
  if (!r) return tl::unexpected(r.error());
  return count > 0;
}
}  // namespace

Result<bool> SqlSituationStore::area_exists(std::int64_t area) {
  return exists(db_, "SELECT COUNT(*) FROM areas WHERE id = :i", area);
}

Result<bool> SqlSituationStore::organisation_exists(access::OrganisationId organisation) {
  return exists(db_, "SELECT COUNT(*) FROM organisations WHERE id = :i", organisation);
}

}  // namespace tafel::storage
