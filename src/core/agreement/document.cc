#include "core/agreement/document.h"

#include <algorithm>
#include <set>

namespace tafel::agreement {
namespace {

bool blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// Control characters other than tab and newline have no place in a signed text:
// they could hide content from a reader.
bool clean(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7f;
  });
}

bool decimal_id(std::string_view text) {
  if (text.empty() || text.size() > 18 || text[0] == '0') return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<void> check_text(std::string_view field, std::string_view text, std::size_t min, std::size_t max) {
  if (text.size() < min || text.size() > max) {
    return fail("invalid_input", std::string(field) + " must be " + std::to_string(min) + ".." + std::to_string(max) +
                                     " bytes");
  }
  if (min > 0 && blank(text)) return fail("invalid_input", std::string(field) + " must not be blank");
  if (!clean(text)) return fail("invalid_input", std::string(field) + " contains control characters");
  return {};
}

Result<void> check_items(std::string_view field, const std::vector<std::string>& items) {
  if (items.size() > kMaxListItems) return fail("invalid_input", std::string(field) + " has too many entries");
  for (const auto& item : items) {
    if (auto r = check_text(field, item, 1, kMaxShortBytes); !r) return r;
  }
  return {};
}

}  // namespace

bool valid_party_ref(std::string_view entry) {
  if (entry == "*") return true;
  if (entry.starts_with("sector:")) return sharing::parse_term<sharing::Sector>(entry.substr(7)).has_value();
  return decimal_id(entry);
}

Result<void> validate(const Document& d) {
  if (auto r = check_text("title", d.title, 1, kMaxTitleBytes); !r) return r;
  if (d.valid_from >= d.valid_until) return fail("invalid_input", "valid_until must be after valid_from");
  if (d.review_date <= d.valid_from) return fail("invalid_input", "review_date must be after valid_from");

  if (d.parties.size() < 2) return fail("invalid_input", "an agreement needs at least two parties");
  if (d.parties.size() > kMaxParties) return fail("invalid_input", "too many parties");
  std::set<std::string> parties;
  for (const auto& p : d.parties) {
    if (!decimal_id(p.organisation)) return fail("invalid_input", "a party must be an organisation id");
    if (!parties.insert(p.organisation).second) {
      return fail("invalid_input", "party " + p.organisation + " is listed twice");
    }
    if (auto r = check_text("finality of party " + p.organisation, p.finality, 1, kMaxStatementBytes); !r) return r;
    if (auto r = check_items("roles of party " + p.organisation, p.roles); !r) return r;
    if (auto r = check_items("tasks of party " + p.organisation, p.tasks); !r) return r;
  }

  if (d.rules.size() > kMaxRules) return fail("invalid_input", "too many rules");
  std::set<std::string> rule_ids;
  for (const auto& rule : d.rules) {
    if (auto r = check_text("rule id", rule.id, 1, kMaxShortBytes); !r) return r;
    if (!rule_ids.insert(rule.id).second) return fail("invalid_input", "rule " + rule.id + " is listed twice");
    const std::string where = "rule " + rule.id;
    if (rule.from.empty() || rule.to.empty()) return fail("invalid_input", where + " needs from and to");
    if (rule.from.size() > kMaxListItems || rule.to.size() > kMaxListItems) {
      return fail("invalid_input", where + " has too many parties");
    }
    for (const auto* list : {&rule.from, &rule.to}) {
      for (const auto& entry : *list) {
        if (!valid_party_ref(entry)) {
          return fail("invalid_input", where + ": from and to take organisation ids, sector:NAME or *");
        }
      }
    }
    if (rule.categories.empty()) return fail("invalid_input", where + " needs at least one category");
    if (rule.purposes.empty()) return fail("invalid_input", where + " needs at least one purpose");
    if (auto r = check_text(where + " legal_reference", rule.legal_reference, 0, kMaxStatementBytes); !r) return r;
    if (auto r = check_items(where + " obligations", rule.obligations); !r) return r;
  }

  sharing::CategorySet kept;
  for (const auto& r : d.retention) {
    if (r.days < 1 || r.days > 36500) return fail("invalid_input", "a retention period is 1..36500 days");
    if (kept.has(r.category)) {
      return fail("invalid_input", "retention for " + std::string(sharing::name_of(r.category)) + " is given twice");
    }
    kept.add(r.category);
  }
  return {};
}

}  // namespace tafel::agreement
