#include "formats/scenario.h"

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>
#include <unordered_map>

#include <yaml-cpp/yaml.h>

#include "formats/timestamp.h"

namespace tafel::formats {
namespace {

using namespace tafel::sharing;

// Thrown inside the loader only; parse_scenario turns it into a Result.
struct Malformed {
  int line;
  std::string reason;
};

int line_of(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

[[noreturn]] void malformed(const YAML::Node& node, std::string reason) {
  throw Malformed{line_of(node), std::move(reason)};
}

std::string quoted(std::string_view text) {
  // Ids and terms only: bounded so that a hostile file cannot flood the terminal.
  std::string out = "'";
  out += text.substr(0, 80);
  if (text.size() > 80) out += "...";
  out += "'";
  return out;
}

// The allowed sets of each vocabulary, for error messages.
template <typename E>
std::string allowed_terms() {
  std::string out;
  for (std::size_t i = 0; i < term_count<E>(); ++i) {
    if (i) out += ", ";
    out += Terms<E>::names[i];
  }
  return out;
}

class Loader {
 public:
  explicit Loader(ParseOptions options) : options_(options) {}

  Scenario load(const YAML::Node& root) {
    if (!root.IsMap()) malformed(root, "expected a scenario: a mapping with 'world' and 'requests'");
    check_fields(root, "scenario", {"name", "at", "world", "requests"});
    if (auto name = root["name"]) scenario_.name = text(name, "name");
    if (auto at = root["at"]) default_at_ = timestamp(at, "at");
    const YAML::Node world = required(root, "world", "scenario");
    load_world(world);
    if (auto requests = root["requests"]; requests && !requests.IsNull()) {
      for (const YAML::Node& r : sequence(requests, "requests")) load_request(r);
    }
    return std::move(scenario_);
  }

 private:
  // --- generic shape checks ---------------------------------------------------

  void check_fields(const YAML::Node& map, std::string_view what, std::initializer_list<std::string_view> allowed) {
    std::set<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!it->first.IsScalar()) malformed(it->first, std::string("a field name of ") + std::string(what) + " must be text");
      const std::string& key = it->first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        malformed(it->first, "unknown field " + quoted(key) + " in " + std::string(what));
      }
      if (!seen.insert(key).second) malformed(it->first, "field " + quoted(key) + " appears twice");
    }
  }

  YAML::Node required(const YAML::Node& map, const char* key, std::string_view what) {
    YAML::Node node = map[key];
    if (!node) malformed(map, std::string(what) + " is missing the required field '" + key + "'");
    return node;
  }

  YAML::Node mapping(const YAML::Node& node, std::string_view what, std::initializer_list<std::string_view> allowed) {
    if (!node.IsMap()) malformed(node, "expected " + std::string(what) + " as a mapping");
    check_fields(node, what, allowed);
    return node;
  }

  std::vector<YAML::Node> sequence(const YAML::Node& node, std::string_view field) {
    if (node.IsNull()) return {};
    if (!node.IsSequence()) malformed(node, "'" + std::string(field) + "' must be a list");
    std::vector<YAML::Node> out;
    for (auto it = node.begin(); it != node.end(); ++it) out.push_back(*it);
    return out;
  }

  std::string text(const YAML::Node& node, std::string_view field) {
    if (!node.IsScalar()) malformed(node, "'" + std::string(field) + "' must be text");
    return node.Scalar();
  }

  std::string id(const YAML::Node& node, std::string_view field) {
    std::string value = text(node, field);
    if (value.empty()) malformed(node, "'" + std::string(field) + "' must not be empty");
    return value;
  }

  bool boolean(const YAML::Node& node, std::string_view field) {
    if (node.IsScalar()) {
      const std::string& v = node.Scalar();
      if (v == "true" || v == "True" || v == "TRUE") return true;
      if (v == "false" || v == "False" || v == "FALSE") return false;
    }
    malformed(node, "'" + std::string(field) + "' must be true or false");
  }

  Timestamp timestamp(const YAML::Node& node, std::string_view field) {
    const std::string value = text(node, field);
    auto parsed = parse_timestamp(value);
    if (!parsed) malformed(node, "'" + std::string(field) + "': " + parsed.error().message);
    return *parsed;
  }

  std::optional<Timestamp> optional_timestamp(const YAML::Node& map, const char* key) {
    YAML::Node node = map[key];
    if (!node || node.IsNull()) return std::nullopt;
    return timestamp(node, key);
  }

  template <typename E>
  E term(const YAML::Node& node, std::string_view field) {
    const std::string value = text(node, field);
    auto parsed = parse_term<E>(value);
    if (!parsed) {
      malformed(node, quoted(value) + " is not a valid value for '" + std::string(field) + "' (one of: " +
                          allowed_terms<E>() + ")");
    }
    return *parsed;
  }

  // A list of terms. In lint mode with `collect`, invalid terms become issues.
  template <typename E>
  TermSet<E> terms(const YAML::Node& node, std::string_view field, bool collect = false) {
    TermSet<E> set;
    for (const YAML::Node& item : sequence(node, field)) {
      if (collect && options_.lint && item.IsScalar() && !parse_term<E>(item.Scalar())) {
        issue("invalid_term", item, quoted(item.Scalar()) + " is not a valid value for '" + std::string(field) + "'");
        continue;
      }
      set.add(term<E>(item, field));
    }
    return set;
  }

  void issue(std::string code, const YAML::Node& node, std::string message) {
    scenario_.issues.push_back({std::move(code), line_of(node), std::move(message)});
  }

  OrgIndex organisation(const YAML::Node& node, std::string_view field) {
    const std::string value = id(node, field);
    auto it = orgs_.find(value);
    if (it == orgs_.end()) malformed(node, "unknown organisation " + quoted(value) + " in '" + std::string(field) + "'");
    return it->second;
  }

  SubjectIndex subject(const YAML::Node& node, std::string_view field) {
    const std::string value = id(node, field);
    auto it = subjects_.find(value);
    if (it == subjects_.end()) malformed(node, "unknown subject " + quoted(value) + " in '" + std::string(field) + "'");
    return it->second;
  }

  TableIndex table(const YAML::Node& node, std::string_view field) {
    const std::string value = id(node, field);
    auto it = tables_.find(value);
    if (it == tables_.end()) malformed(node, "unknown table " + quoted(value) + " in '" + std::string(field) + "'");
    return it->second;
  }

  std::vector<OrgIndex> organisations(const YAML::Node& node, std::string_view field) {
    std::vector<OrgIndex> out;
    for (const YAML::Node& item : sequence(node, field)) out.push_back(organisation(item, field));
    return out;
  }

  // Entries of from, to and recipients: an organisation id, sector:NAME or *.
  std::vector<PartyRef> parties(const YAML::Node& node, std::string_view field, bool in_rule) {
    std::vector<PartyRef> out;
    for (const YAML::Node& item : sequence(node, field)) {
      const std::string value = id(item, field);
      PartyRef ref;
      ref.line = line_of(item);
      if (value == "*") {
        ref.kind = PartyRef::Kind::any;
      } else if (value.starts_with("sector:")) {
        auto sector = parse_term<Sector>(std::string_view(value).substr(7));
        if (!sector) {
          const std::string reason = quoted(value) + " names no known sector (one of: " + allowed_terms<Sector>() + ")";
          if (in_rule && options_.lint) {
            issue("invalid_term", item, reason);
            continue;
          }
          malformed(item, reason);
        }
        ref.kind = PartyRef::Kind::sector;
        ref.sector = *sector;
      } else {
        auto it = orgs_.find(value);
        if (it == orgs_.end()) {
          if (in_rule && options_.lint) {
            issue("unknown_party", item, quoted(value) + " is not an organisation of this world, let alone a party");
            continue;
          }
          malformed(item, "unknown organisation " + quoted(value) + " in '" + std::string(field) + "'");
        }
        ref.kind = PartyRef::Kind::organisation;
        ref.organisation = it->second;
      }
      out.push_back(ref);
    }
    return out;
  }

  template <typename Map>
  void define(Map& ids, const YAML::Node& node, const std::string& value, std::string_view what) {
    if (!ids.emplace(value, static_cast<typename Map::mapped_type>(ids.size())).second) {
      malformed(node, "duplicate " + std::string(what) + " id " + quoted(value));
    }
  }

  // --- the world --------------------------------------------------------------

  void load_world(const YAML::Node& node) {
    mapping(node, "world", {"organisations", "subjects", "relations", "tables", "agreements", "consents"});
    World& w = scenario_.world;
    for (const YAML::Node& o : sequence(required(node, "organisations", "world"), "organisations")) {
      mapping(o, "an organisation", {"id", "sector", "secrecy", "reporting_duty", "mission"});
      Organisation org;
      org.id = id(required(o, "id", "an organisation"), "id");
      define(orgs_, o["id"], org.id, "organisation");
      org.sector = term<Sector>(required(o, "sector", "organisation " + org.id), "sector");
      org.secrecy = term<Secrecy>(required(o, "secrecy", "organisation " + org.id), "secrecy");
      org.reporting_duty = boolean(required(o, "reporting_duty", "organisation " + org.id), "reporting_duty");
      org.mission = term<Mission>(required(o, "mission", "organisation " + org.id), "mission");
      w.organisations.push_back(std::move(org));
    }
    if (auto subjects = node["subjects"]) {
      for (const YAML::Node& s : sequence(subjects, "subjects")) {
        mapping(s, "a subject", {"id", "minor", "vulnerable"});
        Subject subject;
        subject.id = id(required(s, "id", "a subject"), "id");
        define(subjects_, s["id"], subject.id, "subject");
        if (auto v = s["minor"]) subject.minor = boolean(v, "minor");
        if (auto v = s["vulnerable"]) subject.vulnerable = boolean(v, "vulnerable");
        w.subjects.push_back(std::move(subject));
      }
    }
    if (auto relations = node["relations"]) {
      for (const YAML::Node& r : sequence(relations, "relations")) {
        mapping(r, "a relation", {"subject", "organisation"});
        w.relations.push_back({subject(required(r, "subject", "a relation"), "subject"),
                               organisation(required(r, "organisation", "a relation"), "organisation")});
      }
    }
    if (auto tables = node["tables"]) {
      for (const YAML::Node& t : sequence(tables, "tables")) {
        mapping(t, "a table", {"id", "basis", "basis_reference", "finality", "members"});
        Table table;
        table.line = line_of(t);
        table.id = id(required(t, "id", "a table"), "id");
        define(tables_, t["id"], table.id, "table");
        table.basis = term<TableBasis>(required(t, "basis", "table " + table.id), "basis");
        if (auto v = t["basis_reference"]; v && !v.IsNull()) table.basis_reference = text(v, "basis_reference");
        table.finality = terms<Purpose>(required(t, "finality", "table " + table.id), "finality");
        table.members = organisations(required(t, "members", "table " + table.id), "members");
        w.tables.push_back(std::move(table));
      }
    }
    if (auto agreements = node["agreements"]) {
      std::set<std::string> ids;
      for (const YAML::Node& a : sequence(agreements, "agreements")) load_agreement(a, ids);
    }
    if (auto consents = node["consents"]) {
      std::set<std::string> ids;
      for (const YAML::Node& c : sequence(consents, "consents")) load_consent(c, ids);
    }
  }

  void load_agreement(const YAML::Node& a, std::set<std::string>& ids) {
    mapping(a, "an agreement", {"id", "status", "valid_from", "valid_until", "parties", "rules"});
    Agreement agreement;
    agreement.line = line_of(a);
    agreement.id = id(required(a, "id", "an agreement"), "id");
    if (!ids.insert(agreement.id).second) malformed(a["id"], "duplicate agreement id " + quoted(agreement.id));
    const std::string what = "agreement " + agreement.id;
    agreement.status = term<AgreementStatus>(required(a, "status", what), "status");
    agreement.valid_from = timestamp(required(a, "valid_from", what), "valid_from");
    if (auto until = optional_timestamp(a, "valid_until")) agreement.valid_until = *until;
    if (agreement.valid_until <= agreement.valid_from) {
      malformed(a["valid_until"], "'valid_until' must be after 'valid_from'");
    }
    agreement.parties = organisations(required(a, "parties", what), "parties");
    std::set<std::string> rule_ids;
    for (const YAML::Node& r : sequence(required(a, "rules", what), "rules")) {
      mapping(r, "a rule", {"id", "effect", "from", "to", "categories", "purposes", "grounds", "legal_reference",
                            "obligations"});
      Rule rule;
      rule.line = line_of(r);
      rule.id = id(required(r, "id", "a rule"), "id");
      if (!rule_ids.insert(rule.id).second) malformed(r["id"], "duplicate rule id " + quoted(rule.id));
      const std::string rwhat = "rule " + rule.id;
      const YAML::Node effect = required(r, "effect", rwhat);
      if (options_.lint && effect.IsScalar() && !parse_term<Effect>(effect.Scalar())) {
        issue("invalid_term", effect, quoted(effect.Scalar()) + " is not a valid value for 'effect' (permit or forbid)");
        continue;  // a rule without a valid effect cannot be read at all
      }
      rule.effect = term<Effect>(effect, "effect");
      rule.from = parties(required(r, "from", rwhat), "from", true);
      rule.to = parties(required(r, "to", rwhat), "to", true);
      rule.categories = terms<Category>(required(r, "categories", rwhat), "categories", true);
      rule.purposes = terms<Purpose>(required(r, "purposes", rwhat), "purposes", true);
      if (auto g = r["grounds"]) rule.grounds = terms<Ground>(g, "grounds", true);
      if (auto v = r["legal_reference"]; v && !v.IsNull()) rule.legal_reference = text(v, "legal_reference");
      if (auto v = r["obligations"]) {
        for (const YAML::Node& o : sequence(v, "obligations")) rule.obligations.push_back(id(o, "obligations"));
      }
      agreement.rules.push_back(std::move(rule));
    }
    scenario_.world.agreements.push_back(std::move(agreement));
  }

  void load_consent(const YAML::Node& c, std::set<std::string>& ids) {
    mapping(c, "a consent", {"id", "subject", "recorded_by", "recipients", "categories", "purposes", "given",
                             "expires", "withdrawn"});
    Consent consent;
    consent.line = line_of(c);
    consent.id = id(required(c, "id", "a consent"), "id");
    if (!ids.insert(consent.id).second) malformed(c["id"], "duplicate consent id " + quoted(consent.id));
    const std::string what = "consent " + consent.id;
    consent.subject = subject(required(c, "subject", what), "subject");
    consent.recorded_by = organisation(required(c, "recorded_by", what), "recorded_by");
    consent.recipients = parties(required(c, "recipients", what), "recipients", false);
    consent.categories = terms<Category>(required(c, "categories", what), "categories");
    consent.purposes = terms<Purpose>(required(c, "purposes", what), "purposes");
    consent.given = timestamp(required(c, "given", what), "given");
    if (auto v = optional_timestamp(c, "expires")) consent.expires = *v;
    if (auto v = optional_timestamp(c, "withdrawn")) consent.withdrawn = *v;
    scenario_.world.consents.push_back(std::move(consent));
  }

  // --- requests ---------------------------------------------------------------

  void load_request(const YAML::Node& q) {
    mapping(q, "a request", {"id", "actor", "recipient", "subject", "categories", "purpose", "at", "ground",
                             "justification", "context", "origin", "expect"});
    ScenarioRequest sr;
    sr.line = line_of(q);
    sr.id = id(required(q, "id", "a request"), "id");
    if (!request_ids_.insert(sr.id).second) malformed(q["id"], "duplicate request id " + quoted(sr.id));
    const std::string what = "request " + sr.id;
    Request& r = sr.request;
    r.actor = organisation(required(q, "actor", what), "actor");
    r.recipient = organisation(required(q, "recipient", what), "recipient");
    if (auto s = q["subject"]; s && !s.IsNull()) r.subject = subject(s, "subject");
    r.categories = terms<Category>(required(q, "categories", what), "categories");
    if (r.categories.empty()) malformed(q["categories"], "'categories' must name at least one category");
    r.purpose = term<Purpose>(required(q, "purpose", what), "purpose");
    if (auto at = optional_timestamp(q, "at")) {
      r.at = *at;
    } else if (default_at_) {
      r.at = *default_at_;
    } else {
      malformed(q, what + " has no 'at' and the file has no default 'at'");
    }
    if (auto g = q["ground"]; g && !g.IsNull()) r.ground = term<Ground>(g, "ground");
    if (auto j = q["justification"]; j && !j.IsNull()) {
      mapping(j, "a justification", {"danger", "cannot_protect", "higher_value", "other_means_exhausted"});
      if (auto v = j["danger"]; v && !v.IsNull()) r.justification.danger = term<Danger>(v, "danger");
      if (auto v = j["cannot_protect"]) r.justification.cannot_protect = boolean(v, "cannot_protect");
      if (auto v = j["higher_value"]; v && !v.IsNull()) r.justification.higher_value = text(v, "higher_value");
      if (auto v = j["other_means_exhausted"]) {
        r.justification.other_means_exhausted = boolean(v, "other_means_exhausted");
      }
    }
    if (auto c = q["context"]; c && !c.IsNull()) {
      mapping(c, "a context", {"table", "in_meeting", "acknowledged"});
      Context context;
      if (auto t = c["table"]; t && !t.IsNull()) context.table = table(t, "table");
      if (auto v = c["in_meeting"]) context.in_meeting = boolean(v, "in_meeting");
      if (auto v = c["acknowledged"]) context.acknowledged = organisations(v, "acknowledged");
      r.context = std::move(context);
    }
    if (auto o = q["origin"]; o && !o.IsNull()) {
      mapping(o, "an origin", {"ground", "table"});
      Origin origin;
      origin.ground = term<Ground>(required(o, "ground", "an origin"), "ground");
      if (auto t = o["table"]; t && !t.IsNull()) origin.table = table(t, "table");
      if (origin.ground == Ground::case_consultation && !origin.table) {
        malformed(o, "an origin under case_consultation must name its 'table'");
      }
      r.origin = origin;
    }
    const YAML::Node e = mapping(required(q, "expect", what), "an expectation",
                                 {"decision", "ground", "obligations", "reasons"});
    const YAML::Node decision = required(e, "decision", "an expectation");
    const std::string verdict = text(decision, "decision");
    if (verdict != "permit" && verdict != "deny") malformed(decision, "'decision' must be permit or deny");
    sr.expect.permit = verdict == "permit";
    if (auto g = e["ground"]; g && !g.IsNull()) sr.expect.ground = term<Ground>(g, "ground");
    if (auto v = e["obligations"]) {
      for (const YAML::Node& o : sequence(v, "obligations")) sr.expect.obligations.push_back(id(o, "obligations"));
    }
    if (auto v = e["reasons"]) {
      for (const YAML::Node& o : sequence(v, "reasons")) sr.expect.reasons.push_back(term<Reason>(o, "reasons"));
    }
    scenario_.requests.push_back(std::move(sr));
  }

  ParseOptions options_;
  Scenario scenario_;
  std::optional<Timestamp> default_at_;
  std::unordered_map<std::string, OrgIndex> orgs_;
  std::unordered_map<std::string, SubjectIndex> subjects_;
  std::unordered_map<std::string, TableIndex> tables_;
  std::set<std::string> request_ids_;
};

tl::unexpected<Error> located(std::string_view file, int line, const std::string& reason) {
  std::string message(file);
  if (line > 0) message += ":" + std::to_string(line);
  message += ": " + reason;
  return fail("malformed", message);
}

}  // namespace

Result<Scenario> parse_scenario(std::string_view text, std::string_view file, ParseOptions options) {
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    Loader loader(options);
    Scenario s = loader.load(root);
    s.file = std::string(file);
    return s;
  } catch (const Malformed& m) {
    return located(file, m.line, m.reason);
  } catch (const YAML::Exception& e) {
    // e.msg is yaml-cpp's reason without the position, which the mark carries.
    return located(file, e.mark.is_null() ? 0 : e.mark.line + 1, "not valid YAML: " + e.msg);
  } catch (const std::exception& e) {
    return located(file, 0, std::string("cannot be read: ") + e.what());
  }
}

Result<Scenario> load_scenario_file(const std::string& path, ParseOptions options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("malformed", path + ": cannot open the file");
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return fail("malformed", path + ": cannot read the file");
  return parse_scenario(content.str(), path, options);
}

}  // namespace tafel::formats
