#pragma once
// The agreement use cases: list and read agreements with their review (lint and
// sharing matrix), draft and edit a version, sign it, suspend, resume and end it.
//
// Every call authorises through app::authorize. Managing requires the caller's own
// organisation to be a party of the agreement's current versions (the effective one
// and the latest draft; a party of a superseded version only is not), and a platform
// admin may manage any. A suspension is lifted only by the party that declared it
// or a platform admin ("forbidden", message "not_suspending_party").
// signing requires an organisation admin of a party AND a fresh second factor (a
// current TOTP code checked by AccountService) for the exact version hash the admin
// read. A version with lint errors (sharing-model.md §3) cannot be signed. Every
// change is recorded through the AuditTrail (action create/update for drafts,
// agreement_signature for signatures) before the call answers.

#include <optional>
#include <string>
#include <vector>

#include "app/unit_of_work.h"
#include "app/accounts/account_service.h"
#include "app/agreements/agreement_store.h"
#include "app/audit/audit_trail.h"
#include "app/clock.h"
#include "app/directory/directory_store.h"
#include "core/access/policy.h"
#include "core/agreement/agreement.h"
#include "core/agreement/sharing_world.h"
#include "core/audit/hash.h"

namespace tafel::app::agreements {

class AgreementService {
 public:
  // `transactions` makes each change and its audit entry one unit (the default runs
  // them one after the other: for memory stores in tests).
  AgreementService(AgreementStore& store, directory::DirectoryStore& directory, accounts::AccountService& accounts,
                   audit::AuditTrail& audit, const Clock& clock, core::audit::Sha256 sha256,
                   UnitOfWork& transactions = UnitOfWork::immediate())
      : store_(store),
        directory_(directory),
        accounts_(accounts),
        audit_(audit),
        clock_(clock),
        sha256_(sha256),
        transactions_(transactions) {}

  Result<std::vector<agreement::Agreement>> list(const access::Principal& who);
  // "not_found" for an unknown id.
  Result<agreement::Agreement> get(const access::Principal& who, agreement::AgreementId id);

  // The lint findings and sharing matrix of `document` (any version's text).
  Result<agreement::Review> review(const access::Principal& who, const agreement::Document& document);

  // Drafts a new agreement; the caller's organisation must be a party.
  Result<agreement::AgreementId> create(const access::Principal& who, agreement::Document document,
                                        const audit::Origin& origin);
  // Replaces the text of the draft (latest) version.
  Result<void> edit(const access::Principal& who, agreement::AgreementId id, agreement::Document document,
                    const audit::Origin& origin);
  // Starts a new draft version as a copy of the latest one.
  Result<void> new_version(const access::Principal& who, agreement::AgreementId id, const audit::Origin& origin);

  // Signs the draft version whose hash is `hash` for the caller's organisation,
  // after checking `totp_code` as a fresh second factor ("invalid_code",
  // "throttled"). "lint_errors" when the version cannot be put in force. Returns
  // true when this signature put the version in force.
  Result<bool> sign(const accounts::Authenticated& who, agreement::AgreementId id, std::string_view hash,
                    std::string_view totp_code, const audit::Origin& origin);

  // suspend records the caller's organisation as the suspending party; resume
  // requires that party or a platform admin.
  Result<void> suspend(const access::Principal& who, agreement::AgreementId id, const audit::Origin& origin);
  Result<void> resume(const access::Principal& who, agreement::AgreementId id, const audit::Origin& origin);
  Result<void> end(const access::Principal& who, agreement::AgreementId id, const audit::Origin& origin);

  // The directory's organisations as the sharing engine sees them.
  Result<std::vector<sharing::Organisation>> sharing_parties();

  // The parties of `version` whose facts (sector, secrecy, mission, reporting duty)
  // differ today from those recorded when it was signed (agreement/party_facts.h).
  Result<std::vector<std::string>> changed_facts(const agreement::Version& version);

 private:
  // True if `who`'s organisation is a party of the effective or the latest version.
  static bool current_party(const agreement::Agreement& a, const access::Principal& who);
  // Loads `id` and checks that `who` may manage it (a current party, or a platform admin).
  Result<agreement::Agreement> load_managed(const access::Principal& who, agreement::AgreementId id);
  Result<void> check_parties(const agreement::Document& document);
  Result<void> record(const access::Principal& who, core::audit::Action action, const agreement::Agreement& a,
                      const audit::Origin& origin);
  // Applies `change` to the agreement and saves it, recording `action`.
  template <typename Change>
  Result<void> change(const access::Principal& who, agreement::AgreementId id, core::audit::Action action,
                      const audit::Origin& origin, Change&& change);
  sharing::Timestamp now() const { return clock_.now().time_since_epoch().count(); }

  AgreementStore& store_;
  directory::DirectoryStore& directory_;
  accounts::AccountService& accounts_;
  audit::AuditTrail& audit_;
  const Clock& clock_;
  core::audit::Sha256 sha256_;
  UnitOfWork& transactions_;
};

}  // namespace tafel::app::agreements
