#pragma once
// SharingFacts over the directory and the agreement store: the same world the
// "May I share this?" decision service builds (app/decisions).

#include "app/agreements/agreement_store.h"
#include "app/directory/directory_store.h"
#include "app/tables/sharing_facts.h"

namespace tafel::app::tables {

class DirectorySharingFacts final : public SharingFacts {
 public:
  DirectorySharingFacts(directory::DirectoryStore& directory, agreements::AgreementStore& agreements)
      : directory_(directory), agreements_(agreements) {}

  Result<SharingFactsSnapshot> snapshot() override;

 private:
  directory::DirectoryStore& directory_;
  agreements::AgreementStore& agreements_;
};

}  // namespace tafel::app::tables
