#pragma once
// SharingFacts over the directory and the agreement store: the organisations as
// sharing parties and every agreement as the engine reads it (the version in force
// or suspended, else the last ended one; drafts are not there for it).

#include "app/agreements/agreement_store.h"
#include "app/directory/directory_store.h"
#include "app/decisions/sharing_facts.h"

namespace tafel::app::decisions {

class DirectorySharingFacts final : public SharingFacts {
 public:
  DirectorySharingFacts(directory::DirectoryStore& directory, agreements::AgreementStore& agreements)
      : directory_(directory), agreements_(agreements) {}

  Result<SharingFactsSnapshot> snapshot() override;

 private:
  directory::DirectoryStore& directory_;
  agreements::AgreementStore& agreements_;
};

}  // namespace tafel::app::decisions
