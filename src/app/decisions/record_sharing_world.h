#pragma once
// SharingWorldSource that builds the world from the records at every call: the
// directory's organisations and the agreements (SharingFacts), the consultation tables
// (their basis only while approved: art. 458ter is not self-declared), the cases
// (subjects with their minor/vulnerable flags, care relations from the care track) and
// the given consents. Correct across servers because it caches nothing; the cached
// source wraps it.

#include "app/cases/case_directory.h"
#include "app/consents/consent_facts.h"
#include "app/decisions/sharing_facts.h"
#include "app/decisions/sharing_world.h"
#include "app/tables/table_store.h"

namespace tafel::app::decisions {

class RecordSharingWorld final : public SharingWorldSource {
 public:
  RecordSharingWorld(SharingFacts& facts, tables::TableStore& tables, cases::CaseDirectory& cases,
                     consents::ConsentFacts& consents)
      : facts_(facts), tables_(tables), cases_(cases), consents_(consents) {}

  Result<std::shared_ptr<const CompiledWorld>> current() override;

 private:
  SharingFacts& facts_;
  tables::TableStore& tables_;
  cases::CaseDirectory& cases_;
  consents::ConsentFacts& consents_;
};

}  // namespace tafel::app::decisions
