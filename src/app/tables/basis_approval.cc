// The approval of a table's case basis (issue 11, point 9): art. 458ter Sw. lets a
// table discuss individual cases only on a basis in law or a prosecutor's
// authorisation, and a chair's own word for that is not enough. A platform admin —
// or, for a prosecutor's authorisation, the prosecutor's own organisation at the
// table — confirms the basis before case items open.

#include "app/authorization.h"
#include "app/tables/table_service.h"

namespace tafel::app::tables {

using namespace tafel::tables;
using core::audit::Action;
using core::audit::Outcome;

namespace {

// True when the directory says `organisation` is a prosecution organisation.
bool is_prosecution(const decisions::CompiledWorld& world, access::OrganisationId organisation) {
  auto i = world.organisation(organisation);
  return i && world.policy.world().organisations[*i].sector == sharing::Sector::prosecution;
}

}  // namespace

TableStanding TableService::basis_standing(const Caller& caller, const Table& table) {
  TableStanding standing = standing_at(table, caller.principal.user_id, caller.principal.organisation_id);
  // The sector comes from the directory, never from the request; without the
  // directory only a platform admin approves.
  if (table.basis == LegalBasis::prosecutor_authorisation && standing.member_organisation && world_ != nullptr) {
    if (auto world = world_->current()) {
      standing.authorising_prosecutor = is_prosecution(**world, caller.principal.organisation_id);
    }
  }
  return standing;
}

bool TableService::may_approve_basis(const Caller& caller, const Table& table) {
  if (!allows_individual_cases(table.basis) || table.basis_approved()) return false;
  return static_cast<bool>(authorize(caller.principal, TableAction::approve_basis, basis_standing(caller, table)));
}

Result<Table> TableService::approve_basis(const Caller& caller, std::int64_t table_id) {
  auto t = load(table_id);
  if (!t) return tl::unexpected(t.error());
  if (auto ok = authorize(caller.principal, TableAction::approve_basis, basis_standing(caller, *t)); !ok) {
    return tl::unexpected(ok.error());
  }
  if (!allows_individual_cases(t->basis)) {
    return fail("invalid_input", "only a law, decree, ordinance or prosecutor's authorisation is approved");
  }
  if (t->basis_approved()) return without_case_details(std::move(*t));
  t->basis_approval = BasisApproval{t->basis, t->basis_reference, caller.principal.user_id,
                                    caller.principal.organisation_id, clock_.now().time_since_epoch().count()};
  Table approved = without_case_details(*t);
  // The approval and its audit entry commit together, as every table change.
  auto saved = transactions_.run([&]() -> Result<void> {
    auto stored = store_.update(std::move(*t));
    if (!stored) return tl::unexpected(stored.error());
    approved.version = stored->version;
    return audit(caller, Action::update, "table_basis", std::to_string(table_id), Outcome::success);
  });
  if (!saved) return tl::unexpected(saved.error());
  return approved;
}

}  // namespace tafel::app::tables
