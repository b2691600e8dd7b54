#include "core/tables/table.h"

#include <algorithm>

#include "core/tables/text_rules.h"

namespace tafel::tables {

namespace {
constexpr std::string_view kKindNames[] = {"thematic", "case_consultation", "mixed"};
constexpr std::string_view kRoleNames[] = {"delegate", "secretary", "chair"};

template <typename E, std::size_t N>
std::optional<E> parse(const std::string_view (&names)[N], std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}
}  // namespace

std::string_view name_of(TableKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }
std::optional<TableKind> parse_table_kind(std::string_view text) { return parse<TableKind>(kKindNames, text); }
std::string_view name_of(TableRole role) { return kRoleNames[static_cast<std::size_t>(role)]; }
std::optional<TableRole> parse_table_role(std::string_view text) { return parse<TableRole>(kRoleNames, text); }

bool Table::is_member(access::OrganisationId organisation) const {
  return std::find(members.begin(), members.end(), organisation) != members.end();
}

bool Table::basis_approved() const {
  return basis_approval && basis_approval->basis == basis && basis_approval->reference == basis_reference;
}

const Delegate* Table::delegate(access::UserId user) const {
  for (const auto& d : delegates) {
    if (d.user == user) return &d;
  }
  return nullptr;
}

std::optional<TableRole> Table::role_of(access::UserId user) const {
  const Delegate* d = delegate(user);
  return d ? std::optional<TableRole>(d->role) : std::nullopt;
}

Meeting* Table::find_meeting(std::int64_t meeting_id) {
  for (auto& m : meetings) {
    if (m.id == meeting_id) return &m;
  }
  return nullptr;
}

const Meeting* Table::find_meeting(std::int64_t meeting_id) const {
  return const_cast<Table*>(this)->find_meeting(meeting_id);
}

const Meeting* Table::open_meeting() const {
  for (const auto& m : meetings) {
    if (m.status == MeetingStatus::open) return &m;
  }
  return nullptr;
}

ActionItem* Table::find_action(std::int64_t action_id) {
  for (auto& a : actions) {
    if (a.id == action_id) return &a;
  }
  return nullptr;
}

Result<void> check_table(const Table& table) {
  if (auto ok = check_text("name", table.name, 1, 200); !ok) return ok;
  if (auto ok = check_text("basis_reference", table.basis_reference, 0, 500); !ok) return ok;
  if (auto ok = check_text("basis_document", table.basis_document, 0, 500); !ok) return ok;
  if (auto ok = check_text("finality_statement", table.finality_statement, 0, 2000, true); !ok) return ok;
  if (auto ok = check_text("agreement", table.agreement, 0, 100); !ok) return ok;
  if (table.case_retention_days &&
      (*table.case_retention_days < 1 || *table.case_retention_days > kMaxRetentionDays)) {
    return fail("invalid_input", "case_retention_days must be 1 to 36500 days");
  }
  if (table.basis != LegalBasis::none && table.basis_reference.find_first_not_of(' ') == std::string::npos) {
    return fail("invalid_input", "basis_reference is required for a legal basis");
  }
  bool allows_cases = allows_individual_cases(table.basis);
  if (table.kind == TableKind::case_consultation && !allows_cases) {
    return fail("cases_not_allowed",
                "a case consultation needs a law, decree, ordinance or prosecutor's authorisation as its basis");
  }
  if (table.members.empty()) return fail("invalid_input", "a table needs at least one member organisation");
  int chairs = 0, secretaries = 0;
  for (const auto& d : table.delegates) {
    if (!table.is_member(d.organisation)) {
      return fail("invalid_input", "every delegate must belong to a member organisation");
    }
    chairs += d.role == TableRole::chair;
    secretaries += d.role == TableRole::secretary;
  }
  if (chairs != 1) return fail("invalid_input", "a table has exactly one chair");
  if (secretaries > 1) return fail("invalid_input", "a table has at most one secretary");
  for (const auto& m : table.meetings) {
    for (const auto& item : m.agenda) {
      if (auto ok = check_agenda_item(item, table.basis); !ok) return ok;
    }
  }
  return {};
}

}  // namespace tafel::tables
