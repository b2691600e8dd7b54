#include "app/agreements/agreement_service.h"

#include <algorithm>

#include "app/authorization.h"
#include "core/agreement/party_facts.h"

namespace tafel::app::agreements {

namespace {

std::string id_text(std::int64_t id) { return std::to_string(id); }

access::Target own(const access::Principal& who) { return access::Target{who.organisation_id, std::nullopt}; }

}  // namespace

Result<std::vector<sharing::Organisation>> AgreementService::sharing_parties() {
  auto orgs = directory_.list_organisations();
  if (!orgs) return tl::unexpected(orgs.error());
  std::vector<sharing::Organisation> out;
  out.reserve(orgs->size());
  for (const auto& o : *orgs) out.push_back(tafel::directory::as_sharing_party(o));
  return out;
}

Result<std::vector<std::string>> AgreementService::changed_facts(const agreement::Version& version) {
  auto today = sharing_parties();
  if (!today) return tl::unexpected(today.error());
  return agreement::parties_with_changed_facts(version, *today);
}

Result<std::vector<agreement::Agreement>> AgreementService::list(const access::Principal& who) {
  if (auto r = authorize(who, access::Action::view_agreements); !r) return tl::unexpected(r.error());
  return store_.list();
}

Result<agreement::Agreement> AgreementService::get(const access::Principal& who, agreement::AgreementId id) {
  if (auto r = authorize(who, access::Action::view_agreements); !r) return tl::unexpected(r.error());
  auto found = store_.find(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail("not_found", "no such agreement");
  return std::move(**found);
}

Result<agreement::Review> AgreementService::review(const access::Principal& who, const agreement::Document& d) {
  if (auto r = authorize(who, access::Action::view_agreements); !r) return tl::unexpected(r.error());
  auto parties = sharing_parties();
  if (!parties) return tl::unexpected(parties.error());
  return agreement::review(d, *parties);
}

Result<void> AgreementService::check_parties(const agreement::Document& d) {
  for (const auto& p : d.parties) {
    std::int64_t id = 0;
    try {
      id = std::stoll(p.organisation);
    } catch (const std::exception&) {
      return fail("invalid_input", "a party must be an organisation id");
    }
    auto found = directory_.find_organisation(id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return fail("invalid_input", "party " + p.organisation + " is not an organisation of the directory");
  }
  return {};
}

Result<void> AgreementService::record(const access::Principal& who, core::audit::Action action,
                                      const agreement::Agreement& a, const audit::Origin& origin) {
  core::audit::Entry e;
  e.actor = id_text(who.user_id);
  e.organisation = id_text(who.organisation_id);
  e.action = action;
  e.object_type = "agreement";
  e.object_id = id_text(a.id()) + "/" + std::to_string(a.latest().number);
  auto r = audit_.record(std::move(e), origin);
  if (!r) return tl::unexpected(r.error());
  return {};
}

Result<agreement::AgreementId> AgreementService::create(const access::Principal& who, agreement::Document document,
                                                        const audit::Origin& origin) {
  if (auto r = authorize(who, access::Action::manage_agreements, own(who)); !r) return tl::unexpected(r.error());
  bool party = std::any_of(document.parties.begin(), document.parties.end(),
                           [&](const agreement::Party& p) { return p.organisation == id_text(who.organisation_id); });
  if (!party && who.role != access::Role::platform_admin) {
    return fail("forbidden", "not_party");
  }
  if (auto r = agreement::validate(document); !r) return tl::unexpected(r.error());
  if (auto r = check_parties(document); !r) return tl::unexpected(r.error());
  auto a = agreement::Agreement::create(std::move(document), who.user_id, now(), sha256_);
  if (!a) return tl::unexpected(a.error());
  // The agreement and its audit entry commit together.
  return transactions_.run_returning<agreement::AgreementId>([&]() -> Result<agreement::AgreementId> {
    auto id = store_.create(*a);
    if (!id) return tl::unexpected(id.error());
    a->set_id(*id);
    if (auto r = record(who, core::audit::Action::create, *a, origin); !r) return tl::unexpected(r.error());
    return *id;
  });
}

bool AgreementService::current_party(const agreement::Agreement& a, const access::Principal& who) {
  // The parties of today's versions: the effective one (in force or suspended) and
  // the latest (a draft). A party being removed in a new draft still takes part
  // until that draft is in force; a party of a superseded or ended version no longer
  // does.
  const std::string org = id_text(who.organisation_id);
  if (a.latest().is_party(org)) return true;
  const auto* effective = a.effective();
  return effective && effective->is_party(org);
}

Result<agreement::Agreement> AgreementService::load_managed(const access::Principal& who, agreement::AgreementId id) {
  if (auto r = authorize(who, access::Action::manage_agreements, own(who)); !r) return tl::unexpected(r.error());
  auto found = store_.find(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail("not_found", "no such agreement");
  if (!current_party(**found, who) && who.role != access::Role::platform_admin) return fail("forbidden", "not_party");
  return std::move(**found);
}

template <typename Change>
Result<void> AgreementService::change(const access::Principal& who, agreement::AgreementId id,
                                      core::audit::Action action, const audit::Origin& origin, Change&& apply) {
  auto a = load_managed(who, id);
  if (!a) return tl::unexpected(a.error());
  std::int64_t revision = a->revision();
  if (auto r = apply(*a); !r) return r;
  return transactions_.run([&]() -> Result<void> {
    if (auto r = store_.save(*a, revision); !r) return r;
    return record(who, action, *a, origin);
  });
}

Result<void> AgreementService::edit(const access::Principal& who, agreement::AgreementId id,
                                    agreement::Document document, const audit::Origin& origin) {
  if (auto r = agreement::validate(document); !r) return r;
  if (auto r = check_parties(document); !r) return r;
  return change(who, id, core::audit::Action::update, origin,
                [&](agreement::Agreement& a) { return a.edit(std::move(document), sha256_); });
}

Result<void> AgreementService::new_version(const access::Principal& who, agreement::AgreementId id,
                                           const audit::Origin& origin) {
  return change(who, id, core::audit::Action::create, origin,
                [&](agreement::Agreement& a) { return a.new_version(who.user_id, now()); });
}

namespace {
// Suspending, resuming and ending act on the version in effect, so they are for its
// parties: an organisation named only in a new draft has signed nothing yet (found
// in review).
Result<void> effective_party(const agreement::Agreement& a, const access::Principal& who) {
  if (who.role == access::Role::platform_admin) return {};
  const auto* v = a.effective();
  if (v && !v->is_party(std::to_string(who.organisation_id))) return fail("forbidden", "not_party");
  return {};
}
}  // namespace

Result<void> AgreementService::suspend(const access::Principal& who, agreement::AgreementId id,
                                       const audit::Origin& origin) {
  return change(who, id, core::audit::Action::update, origin, [&](agreement::Agreement& a) -> Result<void> {
    if (auto ok = effective_party(a, who); !ok) return ok;
    return a.suspend(now(), id_text(who.organisation_id));
  });
}

Result<void> AgreementService::resume(const access::Principal& who, agreement::AgreementId id,
                                      const audit::Origin& origin) {
  return change(who, id, core::audit::Action::update, origin, [&](agreement::Agreement& a) -> Result<void> {
    if (auto ok = effective_party(a, who); !ok) return ok;
    // Only the party that suspended resumes (or a platform admin): another party
    // cannot lift a suspension it did not declare. A suspension recorded without its
    // party (before issue 11) may be resumed by any current party.
    const auto* v = a.effective();
    if (v && v->status == agreement::VersionStatus::suspended && !v->suspended_by.empty() &&
        v->suspended_by != id_text(who.organisation_id) && who.role != access::Role::platform_admin) {
      return fail("forbidden", "not_suspending_party");
    }
    return a.resume(now());
  });
}

Result<void> AgreementService::end(const access::Principal& who, agreement::AgreementId id,
                                   const audit::Origin& origin) {
  return change(who, id, core::audit::Action::update, origin, [&](agreement::Agreement& a) -> Result<void> {
    if (auto ok = effective_party(a, who); !ok) return ok;
    return a.end(now());
  });
}

Result<bool> AgreementService::sign(const accounts::Authenticated& who, agreement::AgreementId id,
                                    std::string_view hash, std::string_view totp_code, const audit::Origin& origin) {
  const access::Principal& p = who.principal;
  if (auto r = authorize(p, access::Action::sign_agreement, own(p)); !r) return tl::unexpected(r.error());
  auto found = store_.find(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail("not_found", "no such agreement");
  agreement::Agreement a = std::move(**found);
  const std::string org = id_text(p.organisation_id);
  if (!a.latest().is_party(org)) return fail("forbidden", "not_party");
  if (a.latest().status != agreement::VersionStatus::draft) return fail("not_draft", "only a draft can be signed");
  if (a.latest().hash != hash) {
    return fail("stale_version", "the text changed since it was read; read it again and sign that");
  }
  // Errors of sharing-model.md §3 mean the agreement cannot be put in force.
  auto parties = sharing_parties();
  if (!parties) return tl::unexpected(parties.error());
  auto checked = agreement::review(a.latest().document, *parties);
  if (!checked) return tl::unexpected(checked.error());
  if (checked->has_errors()) return fail("lint_errors", "the agreement has errors to fix before it can be signed");
  // The fresh second factor comes last among the checks, so that a refused
  // signature for another reason does not burn the admin's current code.
  if (auto r = accounts_.verify_second_factor(who, totp_code, origin.address); !r) return tl::unexpected(r.error());

  std::int64_t revision = a.revision();
  // The signature keeps the parties' facts it was given on (issue 11, point 3).
  auto in_force = a.sign(org, p.user_id, hash, now(), agreement::facts_text(a.latest(), *parties));
  if (!in_force) return tl::unexpected(in_force.error());
  // The signature and its audit entry commit together: no signature without its
  // entry, no entry for a signature that was not stored.
  auto saved = transactions_.run([&]() -> Result<void> {
    if (auto r = store_.save(a, revision); !r) return r;
    core::audit::Entry e;
    e.actor = id_text(p.user_id);
    e.organisation = org;
    e.action = core::audit::Action::agreement_signature;
    e.object_type = "agreement";
    e.object_id = id_text(a.id()) + "/" + std::to_string(a.latest().number);
    if (auto r = audit_.record(std::move(e), origin); !r) return tl::unexpected(r.error());
    return {};
  });
  if (!saved) return tl::unexpected(saved.error());
  return *in_force;
}

}  // namespace tafel::app::agreements
