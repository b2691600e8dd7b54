#include "core/agreement/party_facts.h"

#include <algorithm>

#include "core/sharing/vocabulary.h"

namespace tafel::agreement {

namespace {

const sharing::Organisation* find(const std::vector<sharing::Organisation>& list, std::string_view id) {
  auto it = std::find_if(list.begin(), list.end(), [&](const sharing::Organisation& o) { return o.id == id; });
  return it == list.end() ? nullptr : &*it;
}

bool same_facts(const sharing::Organisation& a, const sharing::Organisation& b) {
  return a.sector == b.sector && a.secrecy == b.secrecy && a.mission == b.mission &&
         a.reporting_duty == b.reporting_duty;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    auto at = text.find(sep);
    out.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return out;
    text.remove_prefix(at + 1);
  }
}

}  // namespace

std::string facts_text(const Version& version, const std::vector<sharing::Organisation>& organisations) {
  std::string out;
  for (const auto& p : version.document.parties) {
    const auto* o = find(organisations, p.organisation);
    if (!o) continue;
    if (!out.empty()) out += ';';
    out += o->id + ":" + std::string(sharing::name_of(o->sector)) + "/" + std::string(sharing::name_of(o->secrecy)) +
           "/" + std::string(sharing::name_of(o->mission)) + "/" + (o->reporting_duty ? "1" : "0");
  }
  return out;
}

Result<std::vector<sharing::Organisation>> parse_facts_text(std::string_view text) {
  std::vector<sharing::Organisation> out;
  if (text.empty()) return out;
  for (auto entry : split(text, ';')) {
    auto colon = entry.find(':');
    if (colon == std::string_view::npos || colon == 0) return fail("corrupt_agreement", "malformed party facts");
    auto parts = split(entry.substr(colon + 1), '/');
    if (parts.size() != 4) return fail("corrupt_agreement", "malformed party facts");
    auto sector = sharing::parse_term<sharing::Sector>(parts[0]);
    auto secrecy = sharing::parse_term<sharing::Secrecy>(parts[1]);
    auto mission = sharing::parse_term<sharing::Mission>(parts[2]);
    if (!sector || !secrecy || !mission || (parts[3] != "0" && parts[3] != "1")) {
      return fail("corrupt_agreement", "malformed party facts");
    }
    sharing::Organisation o;
    o.id = std::string(entry.substr(0, colon));
    o.sector = *sector;
    o.secrecy = *secrecy;
    o.mission = *mission;
    o.reporting_duty = parts[3] == "1";
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<std::string> parties_with_changed_facts(const Version& version,
                                                    const std::vector<sharing::Organisation>& today) {
  std::vector<std::vector<sharing::Organisation>> recorded;
  for (const auto& s : version.signatures) {
    if (s.hash != version.hash) continue;  // a signature of an earlier text of this draft
    if (auto facts = parse_facts_text(s.facts)) recorded.push_back(std::move(*facts));
  }
  std::vector<std::string> out;
  for (const auto& p : version.document.parties) {
    const auto* now = find(today, p.organisation);
    if (!now) continue;
    bool changed = std::any_of(recorded.begin(), recorded.end(), [&](const std::vector<sharing::Organisation>& r) {
      const auto* then = find(r, p.organisation);
      return then && !same_facts(*then, *now);
    });
    if (changed) out.push_back(p.organisation);
  }
  return out;
}

}  // namespace tafel::agreement
