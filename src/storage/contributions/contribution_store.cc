#include "storage/contributions/contribution_store.h"

#include <boost/json.hpp>
#include <soci/soci.h>

#include "storage/json_reader.h"

namespace tafel::storage {

namespace json = boost::json;
using namespace tafel::contributions;

namespace {

std::int64_t now_us(const app::Clock& clock) { return clock.now().time_since_epoch().count(); }

json::array ids_json(const std::vector<access::OrganisationId>& ids) {
  json::array a;
  for (auto id : ids) a.emplace_back(id);
  return a;
}

json::array strings_json(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& s : items) a.emplace_back(s);
  return a;
}

json::object share_json(const Share& s) {
  return {{"from", s.from},
          {"recipient", s.recipient},
          {"status", name_of(s.status)},
          {"ground", s.ground},
          {"rule", s.rule},
          {"obligations", strings_json(s.obligations)},
          {"use_restricted", s.use_restricted},
          {"reasons", strings_json(s.reasons)},
          {"categories", s.categories.bits()},
          {"context", json::object{{"table", s.context.table},
                                   {"in_meeting", s.context.in_meeting},
                                   {"acknowledged", ids_json(s.context.acknowledged)}}},
          {"origin_ground", s.origin_ground},
          {"origin_table", s.origin_table},
          {"by", s.by},
          {"at_us", s.at_us}};
}

std::vector<std::string> strings_of(const json::array& a) {
  std::vector<std::string> out;
  for (const auto& v : a) out.emplace_back(v.as_string());
  return out;
}

Share decode_share(const json::object& o) {
  JsonReader r{o};
  Share s;
  s.from = r.i("from");
  s.recipient = r.i("recipient");
  s.status = r.e<ShareStatus>("status", parse_share_status);
  s.ground = r.s("ground");
  s.rule = r.s("rule");
  s.obligations = strings_of(r.a("obligations"));
  s.use_restricted = r.b("use_restricted");
  s.reasons = strings_of(r.a("reasons"));
  s.categories = sharing::CategorySet::from_bits(static_cast<std::uint32_t>(r.i("categories")));
  JsonReader cx{o.at("context").as_object()};
  s.context.table = cx.i("table");
  s.context.in_meeting = cx.b("in_meeting");
  for (const auto& v : cx.a("acknowledged")) s.context.acknowledged.push_back(v.to_number<std::int64_t>());
  s.origin_ground = r.s("origin_ground");
  s.origin_table = r.i("origin_table");
  s.by = r.i("by");
  s.at_us = r.i("at_us");
  return s;
}

Contribution decode(const json::object& o) {
  JsonReader r{o};
  Contribution c;
  c.situation = r.i("situation");
  c.case_id = r.i("case");
  c.track = r.e<Track>("track", parse_track);
  c.kind = r.e<Kind>("kind", parse_kind);
  c.classification = r.e<Classification>("classification", parse_classification);
  c.source = r.i("source");
  c.author = r.i("author");
  for (const auto& v : r.a("parts")) {
    JsonReader p{v.as_object()};
    c.parts.push_back({p.e<sharing::Category>("category", sharing::parse_term<sharing::Category>), p.s("text")});
  }
  c.purpose = r.e<sharing::Purpose>("purpose", sharing::parse_term<sharing::Purpose>);
  c.professional_judgement = r.b("professional_judgement");
  c.reporting_duty_acknowledged = r.b("reporting_duty_acknowledged");
  c.reasoning = r.s("reasoning");
  for (const auto& v : r.a("shares")) c.shares.push_back(decode_share(v.as_object()));
  c.created_at_us = r.i("created_at_us");
  return c;
}

}  // namespace

std::string encode_contribution(const Contribution& c) {
  json::array parts, shares;
  for (const auto& p : c.parts) {
    parts.push_back(json::object{{"category", sharing::name_of(p.category)}, {"text", p.text}});
  }
  for (const auto& s : c.shares) shares.push_back(share_json(s));
  json::object o{{"situation", c.situation},
                 {"case", c.case_id},
                 {"track", name_of(c.track)},
                 {"kind", name_of(c.kind)},
                 {"classification", name_of(c.classification)},
                 {"source", c.source},
                 {"author", c.author},
                 {"parts", parts},
                 {"purpose", sharing::name_of(c.purpose)},
                 {"professional_judgement", c.professional_judgement},
                 {"reporting_duty_acknowledged", c.reporting_duty_acknowledged},
                 {"reasoning", c.reasoning},
                 {"shares", shares},
                 {"created_at_us", c.created_at_us}};
  return json::serialize(o);
}

Result<Contribution> decode_contribution(std::string_view text) {
  try {
    json::value v = json::parse(text);
    return decode(v.as_object());
  } catch (const std::exception&) {
    return fail("corrupt_record", "a stored contribution could not be read");
  }
}

std::string SqlContributionStore::seal(const Contribution& c) const {
  std::string plain = encode_contribution(c);
  return sealer_.seal(std::span(reinterpret_cast<const std::uint8_t*>(plain.data()), plain.size()));
}

Result<Contribution> SqlContributionStore::open(const std::string& sealed, std::int64_t id,
                                                std::int64_t version) const {
  auto plain = sealer_.open(sealed);
  if (!plain) return fail("corrupt_record", "a stored contribution could not be opened with this instance's key");
  auto c = decode_contribution(std::string_view(reinterpret_cast<const char*>(plain->data()), plain->size()));
  if (!c) return c;
  c->id = id;
  c->version = version;
  return c;
}

Result<Contribution> SqlContributionStore::insert(Contribution c) {
  std::int64_t at = now_us(clock_);
  auto r = db_.transaction([&](soci::session& s) {
    std::string document = seal(c), track(name_of(c.track));
    long long version = 1, id = 0, situation = c.situation, case_id = c.case_id, source = c.source;
    soci::indicator situation_ind = c.situation ? soci::i_ok : soci::i_null;
    soci::indicator case_ind = c.case_id ? soci::i_ok : soci::i_null;
    s << "INSERT INTO contributions (situation_id, case_id, track, source_organisation_id, version, document, "
         "created_at, updated_at) VALUES (:s, :c, :t, :o, :v, :d, :a, :u) RETURNING id",
        soci::use(situation, situation_ind), soci::use(case_id, case_ind), soci::use(track), soci::use(source),
        soci::use(version), soci::use(document), soci::use(at), soci::use(at), soci::into(id);
    c.id = id;
    c.version = 1;
  });
  if (!r) return tl::unexpected(r.error());
  return c;
}

Result<std::optional<Contribution>> SqlContributionStore::find(std::int64_t id) {
  std::string document;
  long long version = 0;
  soci::indicator found = soci::i_null;
  auto r = db_.with_session([&](soci::session& s) {
    long long key = id;
    s << "SELECT document, version FROM contributions WHERE id = :i", soci::use(key), soci::into(document, found),
        soci::into(version);
  });
  if (!r) return tl::unexpected(r.error());
  if (found != soci::i_ok) return std::optional<Contribution>();
  auto c = open(document, id, version);
  if (!c) return tl::unexpected(c.error());
  return std::optional<Contribution>(std::move(*c));
}

Result<Contribution> SqlContributionStore::update(Contribution c) {
  std::int64_t at = now_us(clock_);
  bool missing = false, conflict = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long id = c.id, current = 0;
    soci::indicator found = soci::i_null;
    s << "SELECT version FROM contributions WHERE id = :i", soci::use(id), soci::into(current, found);
    if (found != soci::i_ok) {
      missing = true;
      return;
    }
    if (current != c.version) {
      conflict = true;
      return;
    }
    long long next = current + 1;
    std::string document = seal(c);
    s << "UPDATE contributions SET version = :v, document = :d, updated_at = :u WHERE id = :i AND version = :c",
        soci::use(next), soci::use(document), soci::use(at), soci::use(id), soci::use(current);
    c.version = next;
  });
  if (!r) return tl::unexpected(r.error());
  if (missing) return fail("not_found", "no such contribution");
  if (conflict) return fail("conflict", "the contribution changed meanwhile; reload and retry");
  return c;
}

Result<std::vector<Contribution>> SqlContributionStore::select(const char* condition, std::int64_t key) {
  std::vector<std::tuple<long long, std::string, long long>> rows;
  auto r = db_.with_session([&](soci::session& s) {
    long long k = key, id = 0, version = 0;
    std::string document;
    std::string sql = std::string("SELECT id, document, version FROM contributions WHERE ") + condition +
                      " ORDER BY id";
    soci::statement st = (s.prepare << sql, soci::use(k), soci::into(id), soci::into(document), soci::into(version));
    st.execute();
    while (st.fetch()) rows.emplace_back(id, document, version);
  });
  if (!r) return tl::unexpected(r.error());
  std::vector<Contribution> out;
  for (const auto& [id, document, version] : rows) {
    auto c = open(document, id, version);
    if (!c) return tl::unexpected(c.error());
    out.push_back(std::move(*c));
  }
  return out;
}

Result<std::vector<Contribution>> SqlContributionStore::for_situation(std::int64_t situation) {
  return select("situation_id = :k", situation);
}

Result<std::vector<Contribution>> SqlContributionStore::for_case(std::int64_t case_id) {
  return select("case_id = :k", case_id);
}

Result<std::vector<Contribution>> SqlContributionStore::all() { return select("id > :k", 0); }

Result<bool> SqlContributionStore::remove(std::int64_t id) {
  bool removed = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long key = id;
    soci::statement st = (s.prepare << "DELETE FROM contributions WHERE id = :i", soci::use(key));
    st.execute(true);
    removed = st.get_affected_rows() > 0;
  });
  if (!r) return tl::unexpected(r.error());
  return removed;
}

}  // namespace tafel::storage
