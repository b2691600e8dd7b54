#include "core/agreement/sharing_world.h"

#include <algorithm>
#include <optional>

namespace tafel::agreement {
namespace {

std::optional<sharing::OrgIndex> index_of(const sharing::World& world, std::string_view id) {
  for (std::size_t i = 0; i < world.organisations.size(); ++i) {
    if (world.organisations[i].id == id) return static_cast<sharing::OrgIndex>(i);
  }
  return std::nullopt;
}

// The engine's reference for one from/to entry, or nullopt when it names no
// organisation of the world. Entries were validated (document.h).
std::optional<sharing::PartyRef> resolve(const sharing::World& world, const std::string& entry) {
  sharing::PartyRef ref;
  if (entry == "*") {
    ref.kind = sharing::PartyRef::Kind::any;
    return ref;
  }
  if (entry.starts_with("sector:")) {
    auto sector = sharing::parse_term<sharing::Sector>(std::string_view(entry).substr(7));
    if (!sector) return std::nullopt;
    ref.kind = sharing::PartyRef::Kind::sector;
    ref.sector = *sector;
    return ref;
  }
  auto index = index_of(world, entry);
  if (!index) return std::nullopt;
  ref.kind = sharing::PartyRef::Kind::organisation;
  ref.organisation = *index;
  return ref;
}

}  // namespace

Result<void> add_to_world(sharing::World& world, const std::string& id, const Document& d,
                          sharing::AgreementStatus status, std::vector<std::string>* unknown_refs) {
  sharing::Agreement a;
  a.id = id;
  a.status = status;
  a.valid_from = d.valid_from;
  a.valid_until = d.valid_until;
  for (const auto& p : d.parties) {
    auto index = index_of(world, p.organisation);
    if (!index) return fail("unknown_organisation", "party " + p.organisation + " is not in the directory");
    a.parties.push_back(*index);
  }
  int line = 0;
  for (const auto& r : d.rules) {
    sharing::Rule rule;
    rule.id = r.id;
    rule.effect = r.effect;
    rule.categories = r.categories;
    rule.purposes = r.purposes;
    rule.grounds = r.grounds;
    rule.legal_reference = r.legal_reference;
    rule.obligations = r.obligations;
    rule.line = ++line;  // the rule's position, so findings can point at it
    bool unknown = false;
    for (const auto& [entries, into] : {std::pair{&r.from, &rule.from}, std::pair{&r.to, &rule.to}}) {
      for (const auto& entry : *entries) {
        if (auto ref = resolve(world, entry)) {
          into->push_back(*ref);
        } else {
          unknown = true;
        }
      }
    }
    if (unknown && unknown_refs) unknown_refs->push_back(r.id);
    a.rules.push_back(std::move(rule));
  }
  world.agreements.push_back(std::move(a));
  return {};
}

bool Review::has_errors() const {
  return std::any_of(findings.begin(), findings.end(),
                     [](const sharing::Finding& f) { return f.severity == sharing::Finding::Severity::error; });
}

Result<Review> review(const Document& d, const std::vector<sharing::Organisation>& organisations) {
  Review out;
  for (const auto& p : d.parties) {
    auto it = std::find_if(organisations.begin(), organisations.end(),
                           [&](const sharing::Organisation& o) { return o.id == p.organisation; });
    if (it == organisations.end()) {
      return fail("unknown_organisation", "party " + p.organisation + " is not in the directory");
    }
    out.world.organisations.push_back(*it);
  }
  std::vector<std::string> unknown;
  if (auto r = add_to_world(out.world, "agreement", d, sharing::AgreementStatus::in_force, &unknown); !r) {
    return tl::unexpected(r.error());
  }
  for (const auto& rule : unknown) {
    sharing::Finding f;
    f.code = "unknown_party";
    f.agreement = "agreement";
    f.rule = rule;
    f.message = "rule " + rule + " names an organisation that is not a party";
    out.findings.push_back(std::move(f));
  }
  auto findings = sharing::lint_agreements(out.world);
  out.findings.insert(out.findings.end(), findings.begin(), findings.end());
  out.matrix = sharing::sharing_matrix(out.world);
  return out;
}

}  // namespace tafel::agreement
