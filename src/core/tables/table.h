#pragma once
// A consultation table: a standing, structured consultation between organisations,
// with its legal basis, finality, member organisations and their delegates, the
// per-table roles chair and secretary, its versioned secrecy text, and everything
// that happens at it (series, meetings, actions).
//
// The table is one aggregate: the store loads and saves it whole, with a version
// number for optimistic concurrency, so a rule that spans meetings (open actions,
// case items allowed by the basis) is checked on one consistent value.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"
#include "core/sharing/vocabulary.h"
#include "core/tables/action_item.h"
#include "core/tables/legal_basis.h"
#include "core/tables/meeting.h"
#include "core/tables/series.h"

namespace tafel::tables {

enum class TableKind : std::uint8_t { thematic, case_consultation, mixed };
std::string_view name_of(TableKind kind);
std::optional<TableKind> parse_table_kind(std::string_view text);

// Roles of a person at one table; the organisation-wide roles are in core/access.
enum class TableRole : std::uint8_t { delegate, secretary, chair };
std::string_view name_of(TableRole role);
std::optional<TableRole> parse_table_role(std::string_view text);

// A person who sits at the table for a member organisation.
struct Delegate {
  access::UserId user = 0;
  access::OrganisationId organisation = 0;
  TableRole role = TableRole::delegate;
};

// One version of the table's secrecy text (what attendees promise to keep secret
// and why). Versions start at 1 and only grow; acknowledgements name the version.
struct SecrecyText {
  int version = 1;
  std::string text;
};

// A platform admin's (or, for a prosecutor's authorisation, the public prosecutor's)
// confirmation that the table's case basis is real: art. 458ter Sw. is not
// self-declared. It covers the basis and reference it names; editing either lapses it.
struct BasisApproval {
  LegalBasis basis = LegalBasis::none;
  std::string reference;  // the basis_reference approved
  access::UserId by = 0;
  access::OrganisationId organisation = 0;
  std::int64_t at_us = 0;
};

// The longest case retention period a table may set: a hundred years.
inline constexpr std::int32_t kMaxRetentionDays = 36'500;

struct Table {
  std::int64_t id = 0;
  std::string name;
  TableKind kind = TableKind::thematic;
  LegalBasis basis = LegalBasis::none;
  std::string basis_reference;  // e.g. "Decreet van 17 juli 2020, art. 5"
  std::string basis_document;   // where the text is (URL or file reference)
  std::optional<BasisApproval> basis_approval;  // none: not approved (older tables too)
  sharing::PurposeSet finality;
  std::string finality_statement;  // the finality in plain words
  std::string agreement;           // id of the linked cooperation agreement, or empty
  // How many days a closed case (and everything on it) is kept after closure
  // (core/retention/retention.h); none: kept until someone sets a period.
  std::optional<std::int32_t> case_retention_days;
  std::vector<access::OrganisationId> members;
  std::vector<Delegate> delegates;
  std::vector<SecrecyText> secrecy;
  std::vector<Series> series;
  std::vector<Meeting> meetings;  // sorted by starts_at_us
  std::vector<ActionItem> actions;
  std::int64_t next_id = 1;   // ids of meetings, items, decisions, actions, series
  std::int64_t version = 0;   // bumped by the store on every save

  bool is_member(access::OrganisationId organisation) const;
  // True when an approval covers the current basis and reference.
  bool basis_approved() const;
  // True when individual cases may be discussed: a basis that allows them, approved.
  bool cases_open() const { return allows_individual_cases(basis) && basis_approved(); }
  // The user's role at this table, or nullopt when not a delegate.
  std::optional<TableRole> role_of(access::UserId user) const;
  const Delegate* delegate(access::UserId user) const;
  // The current secrecy text's version, or 0 when the table has none.
  int secrecy_version() const { return secrecy.empty() ? 0 : secrecy.back().version; }
  Meeting* find_meeting(std::int64_t meeting_id);
  const Meeting* find_meeting(std::int64_t meeting_id) const;
  // The meeting in progress (status open), or nullptr. At most one is open at a time.
  const Meeting* open_meeting() const;
  ActionItem* find_action(std::int64_t action_id);
  // Hands out the next id for a part of this table.
  std::int64_t take_id() { return next_id++; }
};

// Checks the table as a whole: name 1..200 bytes; a basis reference for any basis
// but none; at least one member; exactly one chair and at most one secretary, each
// a delegate; delegates belong to member organisations; a case retention period, when
// set, of 1..36500 days (kMaxRetentionDays); a case-consultation table
// needs a basis that allows individual cases, and so does any case item already on
// an agenda ("cases_not_allowed"; other failures "invalid_input").
Result<void> check_table(const Table& table);

}  // namespace tafel::tables
