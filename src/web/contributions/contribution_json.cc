#include "web/contributions/contribution_json.h"

#include "i18n/sharing_explanation.h"

namespace tafel::web::contribution_support {

namespace json = boost::json;
using namespace tafel::contributions;

namespace {

json::array strings(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& s : items) a.emplace_back(s);
  return a;
}

json::array categories_json(sharing::CategorySet set) {
  json::array a;
  set.for_each([&](sharing::Category c) { a.emplace_back(sharing::name_of(c)); });
  return a;
}

}  // namespace

json::array explanation_json(const sharing::Explanation& explanation, const std::string& lang) {
  return strings(i18n::render_explanation_lines(explanation, lang));
}

json::array decisions_json(const std::vector<app::contributions::RecipientDecision>& decisions,
                           const std::string& lang) {
  json::array a;
  for (const auto& d : decisions) {
    json::array reasons;
    for (auto r : d.reasons) reasons.emplace_back(sharing::name_of(r));
    a.push_back(json::object{
        {"recipient", d.recipient},
        {"decision", d.permit ? "permit" : "deny"},
        {"ground", d.ground ? json::value(sharing::name_of(*d.ground)) : json::value(nullptr)},
        {"rule", d.rule.empty() ? json::value(nullptr) : json::value(d.rule)},
        {"obligations", strings(d.obligations)},
        {"use_restricted", d.use_restricted},
        {"reasons", reasons},
        {"explanation", explanation_json(d.explanation, lang)}});
  }
  return a;
}

json::object viewed_json(const app::contributions::Viewed& v, const std::string& lang) {
  const Contribution& c = v.contribution;
  json::array parts, shares;
  for (const auto& p : c.parts) {
    parts.push_back(json::object{{"category", sharing::name_of(p.category)}, {"text", p.text}});
  }
  for (const auto& s : c.shares) {
    shares.push_back(json::object{{"from", s.from},
                                  {"recipient", s.recipient},
                                  {"status", name_of(s.status)},
                                  {"ground", s.ground.empty() ? json::value(nullptr) : json::value(s.ground)},
                                  {"rule", s.rule.empty() ? json::value(nullptr) : json::value(s.rule)},
                                  {"obligations", strings(s.obligations)},
                                  {"use_restricted", s.use_restricted},
                                  {"reasons", strings(s.reasons)},
                                  {"categories", categories_json(s.categories)},
                                  {"at_us", s.at_us}});
  }
  json::object o{{"id", c.id},
                 {"situation", c.situation == 0 ? json::value(nullptr) : json::value(c.situation)},
                 {"case", c.case_id == 0 ? json::value(nullptr) : json::value(c.case_id)},
                 {"track", c.case_id == 0 ? json::value(nullptr) : json::value(name_of(c.track))},
                 {"kind", name_of(c.kind)},
                 {"classification", name_of(c.classification)},
                 {"source", c.source},
                 {"purpose", sharing::name_of(c.purpose)},
                 {"readable", v.readable},
                 {"own", v.own},
                 {"parts", parts},
                 {"shares", shares},
                 {"created_at_us", c.created_at_us}};
  if (v.own) {
    o["professional_judgement"] = c.professional_judgement;
    o["reporting_duty_acknowledged"] = c.reporting_duty_acknowledged;
    o["reasoning"] = c.reasoning;
  }
  if (v.refusal) o["explanation"] = explanation_json(*v.refusal, lang);
  return o;
}

std::string markdown_of(const app::contributions::Viewed& v) {
  const Contribution& c = v.contribution;
  std::string md = "# Contribution " + std::to_string(c.id) + "\n\n";
  md += "- kind: " + std::string(name_of(c.kind)) + "\n";
  md += "- classification: " + std::string(name_of(c.classification)) + "\n";
  md += "- purpose: " + std::string(sharing::name_of(c.purpose)) + "\n\n";
  for (const auto& p : c.parts) md += "## " + std::string(sharing::name_of(p.category)) + "\n\n" + p.text + "\n\n";
  return md;
}

Confirmations confirmations_of(const http::Form& form) {
  Confirmations given;
  if (form.value("picked") == "yes") {
    sharing::CategorySet set;
    for (const auto& name : form.all("travel")) {
      if (auto c = sharing::parse_term<sharing::Category>(name)) set.add(*c);
    }
    given.travelling = set;
  }
  given.professional_judgement = form.value("professional_judgement") == "yes";
  given.reporting_duty_acknowledged = form.value("reporting_duty_acknowledged") == "yes";
  given.reasoning = form.value("reasoning");
  return given;
}

}  // namespace tafel::web::contribution_support
