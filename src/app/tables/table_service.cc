// TableService's construction and the steps its use cases share (loading, auditing,
// telling observers), and the tables themselves: creating, editing, reading and
// listing them, and their secrecy text. The other use cases are in the files named
// in docs/tables.md.

#include "app/tables/table_service.h"

#include <algorithm>

#include "app/audit/record_change.h"
#include "app/authorization.h"
#include "app/tables/table_service_internal.h"
#include "core/tables/text_rules.h"

namespace tafel::app::tables {

using namespace tafel::tables;
using namespace internal;
using core::audit::Action;
using core::audit::Outcome;

namespace {

// Fills a table from a draft; the creator chairs when nobody else is named chair.
Result<void> apply_draft(Table& table, TableDraft draft, const access::Principal& by) {
  table.name = std::move(draft.name);
  table.kind = draft.kind;
  table.basis = draft.basis;
  table.basis_reference = std::move(draft.basis_reference);
  table.basis_document = std::move(draft.basis_document);
  table.finality = draft.finality;
  table.finality_statement = std::move(draft.finality_statement);
  table.agreement = std::move(draft.agreement);
  table.case_retention_days = draft.case_retention_days;
  table.members = std::move(draft.members);
  table.delegates = std::move(draft.delegates);
  if (!table.is_member(by.organisation_id) && by.role != access::Role::platform_admin) {
    table.members.insert(table.members.begin(), by.organisation_id);
  }
  std::sort(table.members.begin(), table.members.end());
  table.members.erase(std::unique(table.members.begin(), table.members.end()), table.members.end());
  bool has_chair = std::any_of(table.delegates.begin(), table.delegates.end(),
                               [](const Delegate& d) { return d.role == TableRole::chair; });
  if (!has_chair) {
    std::erase_if(table.delegates, [&](const Delegate& d) { return d.user == by.user_id; });
    table.delegates.insert(table.delegates.begin(), Delegate{by.user_id, by.organisation_id, TableRole::chair});
  }
  for (std::size_t i = 0; i < table.delegates.size(); ++i) {
    for (std::size_t j = i + 1; j < table.delegates.size(); ++j) {
      if (table.delegates[i].user == table.delegates[j].user) {
        return fail("invalid_input", "a person sits at a table once");
      }
    }
  }
  if (!draft.secrecy_text.empty()) {
    if (auto ok = check_text("secrecy_text", draft.secrecy_text, 1, 20'000, true); !ok) return ok;
    if (table.secrecy.empty() || table.secrecy.back().text != draft.secrecy_text) {
      table.secrecy.push_back(SecrecyText{table.secrecy_version() + 1, std::move(draft.secrecy_text)});
    }
  }
  return check_table(table);
}

}  // namespace

Table without_case_details(Table table) {
  for (auto& m : table.meetings) {
    for (auto& item : m.agenda) item.legacy_case_details.clear();
  }
  return table;
}

Table without_minutes(Table table) {
  for (auto& m : table.meetings) {
    m.decisions.clear();
    m.minutes = Minutes();
    m.declined.clear();
    m.feedback.clear();
  }
  // Actions are what the meeting agreed about its items: outcomes, like decisions.
  table.actions.clear();
  return table;
}

namespace {
// What `caller` sees of `table`: never case details; minutes, decisions and feedback
// only with view_minutes (issue 11, point 4).
Table visible_to(const Caller& caller, Table table) {
  table = without_case_details(std::move(table));
  if (!allowed(caller, TableAction::view_minutes, table)) table = without_minutes(std::move(table));
  return table;
}
}  // namespace

TableService::TableService(TableStore& store, const Calendar& calendar, audit::AuditTrail& audit,
                           const Clock& clock, accounts::Crypto& crypto, UnitOfWork& transactions)
    : store_(store), calendar_(calendar), audit_(audit), clock_(clock), crypto_(crypto), transactions_(transactions) {}

std::string TableService::today() const { return format_local_date(calendar_.to_local(micros(clock_.now()))); }

// Observers hear of a change only after it was saved, and cannot undo it: a failure
// to read the table back only means they are not told.
void TableService::tell_events(std::int64_t table_id,
                               const std::function<void(MeetingEvents&, const Table&)>& tell) {
  if (events_ == nullptr) return;
  auto saved = load(table_id);
  if (saved) tell(*events_, without_case_details(std::move(*saved)));
}

Result<Table> TableService::load(std::int64_t table_id) {
  auto found = store_.find(table_id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail("not_found", "no such table");
  return std::move(**found);
}

Result<void> TableService::audit(const Caller& caller, Action action, const std::string& object_type,
                                 const std::string& object_id, Outcome outcome, std::string ground) {
  return app::audit::record_change(audit_, caller.principal, caller.origin,
                                   {action, object_type, object_id, outcome, std::move(ground)});
}

// --- tables -----------------------------------------------------------------

Result<Table> TableService::create_table(const Caller& caller, TableDraft draft) {
  if (auto ok = authorize(who(caller), TableAction::create_table, {}); !ok) return tl::unexpected(ok.error());
  Table table;
  if (auto ok = apply_draft(table, std::move(draft), caller.principal); !ok) return tl::unexpected(ok.error());
  if (auto ok = check_delegates(table); !ok) return tl::unexpected(ok.error());
  // The new table and its audit entry commit together.
  return transactions_.run_returning<Table>([&]() -> Result<Table> {
    auto stored = store_.insert(std::move(table));
    if (!stored) return stored;
    if (auto ok = audit(caller, Action::create, "table", std::to_string(stored->id), Outcome::success); !ok) {
      return tl::unexpected(ok.error());
    }
    return stored;
  });
}

Result<Table> TableService::update_table(const Caller& caller, std::int64_t table_id, TableDraft draft) {
  return change<Table>(caller, table_id, TableAction::edit_table, [&](Table& t) -> Result<Table> {
    // The sharing engine decides a feedback form on the table's members, finality
    // and basis when the last consent arrives: while a form awaits consent they stay
    // as the consenting organisations saw them (found in review).
    const auto members = t.members;
    const auto finality = t.finality;
    const auto basis = t.basis;
    if (auto ok = apply_draft(t, std::move(draft), caller.principal); !ok) return tl::unexpected(ok.error());
    if (t.members != members || t.finality != finality || t.basis != basis) {
      for (const auto& m : t.meetings) {
        for (const auto& f : m.feedback) {
          if (f.state == FeedbackState::awaiting_consent) {
            return fail("feedback_pending", "a feedback form awaits consent: members, finality and basis stay until it is settled");
          }
        }
      }
    }
    if (auto ok = check_delegates(t); !ok) return tl::unexpected(ok.error());
    return without_case_details(t);
  });
}

Result<Table> TableService::table(const Caller& caller, std::int64_t table_id) {
  auto t = load(table_id);
  if (!t) return t;
  if (auto ok = allowed(caller, TableAction::view_table, *t); !ok) return tl::unexpected(ok.error());
  return visible_to(caller, std::move(*t));
}

Result<Table> TableService::table_minutes(const Caller& caller, std::int64_t table_id) {
  auto t = load(table_id);
  if (!t) return t;
  if (auto ok = allowed(caller, TableAction::view_minutes, *t); !ok) return tl::unexpected(ok.error());
  return without_case_details(std::move(*t));
}

Result<TablePage> TableService::my_tables(const Caller& caller, std::optional<std::int64_t> after,
                                          std::size_t limit) {
  if (auto ok = authorize(who(caller), TableAction::view_table, TableStanding{true, std::nullopt, false}); !ok) {
    return tl::unexpected(ok.error());
  }
  if (limit == 0 || limit > TablePage::kMaxSize) return fail("invalid_input", "limit must be between 1 and 1000");
  bool all = caller.principal.role == access::Role::platform_admin;
  // One more than asked says whether a next page exists without a second query.
  auto tables = store_.heads_page(all ? std::nullopt : std::optional(caller.principal.organisation_id), after,
                                  limit + 1);
  if (!tables) return tl::unexpected(tables.error());
  TablePage page;
  if (tables->size() > limit) {
    tables->resize(limit);
    page.next = tables->back().id;
  }
  page.tables.reserve(tables->size());
  for (auto& t : *tables) page.tables.push_back(visible_to(caller, std::move(t)));
  return page;
}

Result<std::vector<Table>> TableService::my_table_parts(const Caller& caller, const TableParts& parts) {
  if (auto ok = authorize(who(caller), TableAction::view_table, TableStanding{true, std::nullopt, false}); !ok) {
    return tl::unexpected(ok.error());
  }
  bool all = caller.principal.role == access::Role::platform_admin;
  auto tables = store_.with_parts(all ? std::nullopt : std::optional(caller.principal.organisation_id), parts);
  if (!tables) return tables;
  for (auto& t : *tables) t = visible_to(caller, std::move(t));
  return tables;
}

Result<int> TableService::set_secrecy_text(const Caller& caller, std::int64_t table_id, std::string text) {
  return change<int>(caller, table_id, TableAction::edit_table, [&](Table& t) -> Result<int> {
    if (auto ok = check_text("secrecy_text", text, 1, 20'000, true); !ok) return tl::unexpected(ok.error());
    t.secrecy.push_back(SecrecyText{t.secrecy_version() + 1, std::move(text)});
    return t.secrecy_version();
  });
}

}  // namespace tafel::app::tables
