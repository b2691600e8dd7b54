#include "core/sharing/lint.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace tafel::sharing {
namespace {

bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

bool matches(const PartyRef& ref, OrgIndex org, const World& world) {
  switch (ref.kind) {
    case PartyRef::Kind::any: return true;
    case PartyRef::Kind::organisation: return ref.organisation == org;
    case PartyRef::Kind::sector: return world.organisations[org].sector == ref.sector;
  }
  return false;
}

// The parties of `a` that `refs` designates.
std::set<OrgIndex> resolve(const std::vector<PartyRef>& refs, const Agreement& a, const World& world) {
  std::set<OrgIndex> out;
  for (OrgIndex p : a.parties) {
    for (const PartyRef& r : refs) {
      if (matches(r, p, world)) out.insert(p);
    }
  }
  return out;
}

bool opens_agreement(const Rule& r) { return r.effect == Effect::permit && r.grounds.has(Ground::agreement); }

}  // namespace

std::vector<Finding> lint_agreements(const World& world) {
  std::vector<Finding> out;
  auto add = [&](Finding::Severity s, std::string code, int line, const Agreement& a, const Rule& r,
                 std::string message) {
    out.push_back({s, std::move(code), line, a.id, r.id, std::move(message)});
  };
  for (const Agreement& a : world.agreements) {
    for (const Rule& r : a.rules) {
      for (const auto* side : {&r.from, &r.to}) {
        for (const PartyRef& ref : *side) {
          if (ref.kind == PartyRef::Kind::organisation &&
              std::find(a.parties.begin(), a.parties.end(), ref.organisation) == a.parties.end()) {
            add(Finding::Severity::error, "unknown_party", ref.line ? ref.line : r.line, a, r,
                "rule " + r.id + " names " + world.organisations[ref.organisation].id +
                    ", which is not a party to agreement " + a.id);
          }
        }
      }
      if (opens_agreement(r) && r.categories.intersects({Category::health, Category::judicial}) &&
          blank(r.legal_reference)) {
        add(Finding::Severity::error, "missing_legal_reference", r.line, a, r,
            "rule " + r.id + " opens health or judicial data without a legal_reference");
      }
    }
    for (const Rule& r : a.rules) {
      if (!opens_agreement(r)) continue;
      const auto from = resolve(r.from, a, world);
      const bool all_professional = std::all_of(from.begin(), from.end(), [&](OrgIndex o) {
        return world.organisations[o].secrecy == Secrecy::professional;
      });
      if (all_professional && !r.categories.without({Category::aggregate}).empty()) {
        add(Finding::Severity::warning, "never_applies", r.line, a, r,
            "rule " + r.id + " can never permit anything: every sender it names has professional secrecy, "
            "and confided information never leaves on an agreement rule alone");
      }
      const auto to = resolve(r.to, a, world);
      for (const Rule& f : a.rules) {
        if (f.effect != Effect::forbid) continue;
        const auto ffrom = resolve(f.from, a, world);
        const auto fto = resolve(f.to, a, world);
        if (f.categories.covers(r.categories) && f.purposes.covers(r.purposes) &&
            std::includes(ffrom.begin(), ffrom.end(), from.begin(), from.end()) &&
            std::includes(fto.begin(), fto.end(), to.begin(), to.end())) {
          add(Finding::Severity::warning, "shadowed", r.line, a, r,
              "rule " + r.id + " is fully covered by forbid rule " + f.id + " and never applies");
          break;
        }
      }
    }
  }
  return out;
}

std::vector<MatrixRow> sharing_matrix(const World& world) {
  std::set<OrgIndex> parties;
  for (const Agreement& a : world.agreements) parties.insert(a.parties.begin(), a.parties.end());
  constexpr PurposeSet kConsultation{Purpose::integrity, Purpose::terrorism_prevention,
                                     Purpose::criminal_organisation_prevention};
  std::vector<MatrixRow> rows;
  for (OrgIndex x : parties) {
    for (OrgIndex y : parties) {
      if (x == y) continue;
      MatrixRow row{x, y, {}};
      const Organisation& ox = world.organisations[x];
      const Organisation& oy = world.organisations[y];
      const bool both_professional = ox.secrecy == Secrecy::professional && oy.secrecy == Secrecy::professional &&
                                     !oy.reporting_duty;
      for (std::size_t pi = 0; pi < term_count<Purpose>(); ++pi) {
        const auto p = static_cast<Purpose>(pi);
        for (std::size_t ci = 0; ci < term_count<Category>(); ++ci) {
          const auto c = static_cast<Category>(ci);
          MatrixCell& cell = row.cells[pi][ci];
          const bool confided = ox.secrecy == Secrecy::professional && c != Category::aggregate;
          for (const Agreement& a : world.agreements) {
            const bool both = std::find(a.parties.begin(), a.parties.end(), x) != a.parties.end() &&
                              std::find(a.parties.begin(), a.parties.end(), y) != a.parties.end();
            if (!both) continue;
            for (const Rule& r : a.rules) {
              const bool covers_pair = std::any_of(r.from.begin(), r.from.end(),
                                                   [&](const PartyRef& f) { return matches(f, x, world); }) &&
                                       std::any_of(r.to.begin(), r.to.end(),
                                                   [&](const PartyRef& t) { return matches(t, y, world); });
              if (!covers_pair || !r.categories.has(c) || !r.purposes.has(p)) continue;
              if (r.effect == Effect::forbid) cell.forbidden = true;
              if (opens_agreement(r) && !confided) cell.grounds.add(Ground::agreement);
            }
          }
          if (c == Category::aggregate) cell.grounds.add(Ground::not_personal);
          if (c != Category::aggregate) cell.grounds.add(Ground::consent);
          if (both_professional && p == Purpose::care && c != Category::aggregate) {
            cell.grounds.add(Ground::shared_secrecy);
          }
          if (cell.forbidden) {
            cell.grounds.remove(Ground::agreement);
            cell.grounds.remove(Ground::consent);
            cell.grounds.remove(Ground::shared_secrecy);
          }
          for (const Table& t : world.tables) {
            const bool legal = (t.basis == TableBasis::law || t.basis == TableBasis::decree ||
                                t.basis == TableBasis::ordinance ||
                                t.basis == TableBasis::prosecutor_authorisation) &&
                               !blank(t.basis_reference);
            const bool members = std::find(t.members.begin(), t.members.end(), x) != t.members.end() &&
                                 std::find(t.members.begin(), t.members.end(), y) != t.members.end();
            if (legal && members && !t.finality.empty() && kConsultation.covers(t.finality) && t.finality.has(p)) {
              cell.grounds.add(Ground::case_consultation);
            }
          }
        }
      }
      rows.push_back(row);
    }
  }
  return rows;
}

}  // namespace tafel::sharing
