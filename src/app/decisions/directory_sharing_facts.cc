#include "app/decisions/directory_sharing_facts.h"

#include "core/agreement/sharing_world.h"

namespace tafel::app::decisions {

Result<SharingFactsSnapshot> DirectorySharingFacts::snapshot() {
  SharingFactsSnapshot s;
  auto orgs = directory_.list_organisations();
  if (!orgs) return tl::unexpected(orgs.error());
  for (const auto& o : *orgs) {
    s.world.organisations.push_back(tafel::directory::as_sharing_party(o));
    s.organisation_names[std::to_string(o.id)] = o.name;
  }
  auto stored = agreements_.list();
  if (!stored) return tl::unexpected(stored.error());
  for (const auto& a : *stored) {
    // The engine reads the effective version (in force or suspended), or the last
    // ended one; an agreement that never came into force is not there for it.
    const agreement::Version* version = a.effective();
    sharing::AgreementStatus status = sharing::AgreementStatus::suspended;
    if (version) {
      if (version->status == agreement::VersionStatus::in_force) status = sharing::AgreementStatus::in_force;
    } else {
      for (auto it = a.versions().rbegin(); it != a.versions().rend() && !version; ++it) {
        if (it->status == agreement::VersionStatus::ended) version = &*it;
      }
      status = sharing::AgreementStatus::ended;
    }
    if (!version) continue;
    s.agreement_titles[std::to_string(a.id())] = "“" + version->document.title + "”";
    // A party that left the directory makes the agreement unusable, not the question.
    (void)agreement::add_to_world(s.world, std::to_string(a.id()), version->document, status);
  }
  return s;
}

}  // namespace tafel::app::decisions
