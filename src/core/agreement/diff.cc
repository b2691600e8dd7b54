#include "core/agreement/diff.h"

#include <algorithm>

namespace tafel::agreement {
namespace {

std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += separator;
    out += i;
  }
  return out;
}

template <typename E>
std::string join_terms(sharing::TermSet<E> set) {
  std::string out;
  set.for_each([&](E v) {
    if (!out.empty()) out += ", ";
    out += sharing::name_of(v);
  });
  return out;
}

std::string time_text(Timestamp t) { return t == sharing::kNever ? "never" : std::to_string(t); }

void field(std::vector<Change>& out, std::string name, const std::string& before, const std::string& after) {
  if (before != after) out.push_back(Change{std::move(name), Change::Kind::changed, "", before, after});
}

template <typename T, typename Key>
const T* find_by(const std::vector<T>& items, const Key& key, std::string T::*member) {
  for (const auto& i : items) {
    if (i.*member == key) return &i;
  }
  return nullptr;
}

}  // namespace

std::string_view name_of(Change::Kind kind) {
  constexpr std::string_view names[] = {"added", "removed", "changed"};
  return names[static_cast<std::size_t>(kind)];
}

std::string describe(const RuleText& r) {
  std::string out = std::string(sharing::name_of(r.effect)) + " " + join(r.from) + " -> " + join(r.to) + ": " +
                    join_terms(r.categories) + " for " + join_terms(r.purposes);
  if (!r.grounds.empty()) out += " on " + join_terms(r.grounds);
  if (!r.legal_reference.empty()) out += "; ref " + r.legal_reference;
  if (!r.obligations.empty()) out += "; obligations " + join(r.obligations);
  return out;
}

std::vector<Change> diff(const Document& a, const Document& b) {
  std::vector<Change> out;
  field(out, "title", a.title, b.title);
  field(out, "valid_from", time_text(a.valid_from), time_text(b.valid_from));
  field(out, "valid_until", time_text(a.valid_until), time_text(b.valid_until));
  field(out, "review_date", time_text(a.review_date), time_text(b.review_date));

  for (const auto& p : a.parties) {
    const Party* q = find_by(b.parties, p.organisation, &Party::organisation);
    if (!q) {
      out.push_back(Change{"party", Change::Kind::removed, p.organisation, p.finality, ""});
      continue;
    }
    if (p.finality != q->finality) {
      out.push_back(Change{"party_finality", Change::Kind::changed, p.organisation, p.finality, q->finality});
    }
    if (p.roles != q->roles) {
      out.push_back(Change{"party_roles", Change::Kind::changed, p.organisation, join(p.roles, "; "),
                           join(q->roles, "; ")});
    }
    if (p.tasks != q->tasks) {
      out.push_back(Change{"party_tasks", Change::Kind::changed, p.organisation, join(p.tasks, "; "),
                           join(q->tasks, "; ")});
    }
  }
  for (const auto& q : b.parties) {
    if (!find_by(a.parties, q.organisation, &Party::organisation)) {
      out.push_back(Change{"party", Change::Kind::added, q.organisation, "", q.finality});
    }
  }

  for (const auto& r : a.rules) {
    const RuleText* s = find_by(b.rules, r.id, &RuleText::id);
    if (!s) {
      out.push_back(Change{"rule", Change::Kind::removed, r.id, describe(r), ""});
    } else if (!(r == *s)) {
      out.push_back(Change{"rule", Change::Kind::changed, r.id, describe(r), describe(*s)});
    }
  }
  for (const auto& s : b.rules) {
    if (!find_by(a.rules, s.id, &RuleText::id)) out.push_back(Change{"rule", Change::Kind::added, s.id, "", describe(s)});
  }

  auto days = [](const Document& d, sharing::Category c) -> std::string {
    for (const auto& r : d.retention) {
      if (r.category == c) return std::to_string(r.days);
    }
    return "";
  };
  for (std::size_t i = 0; i < sharing::term_count<sharing::Category>(); ++i) {
    auto c = static_cast<sharing::Category>(i);
    std::string before = days(a, c), after = days(b, c);
    if (before == after) continue;
    Change::Kind kind = before.empty() ? Change::Kind::added : after.empty() ? Change::Kind::removed : Change::Kind::changed;
    out.push_back(Change{"retention", kind, std::string(sharing::name_of(c)), before, after});
  }
  return out;
}

}  // namespace tafel::agreement
