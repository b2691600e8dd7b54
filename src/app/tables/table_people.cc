// Who may sit at a table (issue 11, point 8): delegates are people of the member
// organisations, looked up through an authorised use case rather than by listing
// every user of every organisation, and checked against their accounts so that a
// request cannot seat someone under another organisation's name.

#include <algorithm>

#include "app/authorization.h"
#include "app/tables/table_service.h"

namespace tafel::app::tables {

using namespace tafel::tables;

namespace {

// Who may sit at a table for an organisation: the practitioners who answer for it
// (members and organisation admins), and a platform admin who creates a table. An
// observer or a DPO does not consent for an organisation nor read its minutes as a
// delegate (found in review).
bool may_sit(const access::User& u) {
  return u.role == access::Role::member || u.role == access::Role::organisation_admin ||
         u.role == access::Role::platform_admin;
}

Result<std::vector<Candidate>> active_users_of(accounts::AccountStore* people,
                                               std::vector<access::OrganisationId> organisations) {
  std::vector<Candidate> out;
  if (people == nullptr) return out;
  std::sort(organisations.begin(), organisations.end());
  organisations.erase(std::unique(organisations.begin(), organisations.end()), organisations.end());
  for (auto org : organisations) {
    if (org <= 0) continue;
    auto users = people->list_users(org);
    if (!users) return tl::unexpected(users.error());
    for (const auto& u : *users) {
      if (u.active && u.organisation_id == org && may_sit(u)) out.push_back({u.id, org, u.display_name});
    }
  }
  return out;
}

}  // namespace

Result<std::vector<Candidate>> TableService::delegate_candidates(const Caller& caller,
                                                                 std::vector<access::OrganisationId> members) {
  if (auto ok = authorize(caller.principal, TableAction::create_table, {}); !ok) return tl::unexpected(ok.error());
  // The creator's organisation always sits at a table it creates (apply_draft).
  if (caller.principal.role != access::Role::platform_admin) members.push_back(caller.principal.organisation_id);
  return active_users_of(people_, std::move(members));
}

Result<std::vector<Candidate>> TableService::delegate_candidates(const Caller& caller, std::int64_t table_id) {
  auto t = load(table_id);
  if (!t) return tl::unexpected(t.error());
  auto standing = standing_at(*t, caller.principal.user_id, caller.principal.organisation_id);
  if (auto ok = authorize(caller.principal, TableAction::edit_table, standing); !ok) return tl::unexpected(ok.error());
  return active_users_of(people_, t->members);
}

Result<void> TableService::check_delegates(const Table& table) {
  if (people_ == nullptr) return {};
  for (const auto& d : table.delegates) {
    auto user = people_->find_user(d.user);
    if (!user) return tl::unexpected(user.error());
    if (!*user || (*user)->organisation_id != d.organisation) {
      return fail("invalid_input", "every delegate must be a user of the organisation they sit for");
    }
    if (!may_sit(**user)) {
      return fail("invalid_input", "observers and DPOs do not sit at a table as delegates");
    }
  }
  return {};
}

}  // namespace tafel::app::tables
