#include "support/organisations.h"

#include "core/directory/organisation.h"
#include "storage/directory_store.h"

namespace tafel::test_support {

std::int64_t add_organisation(storage::Database& db, const app::Clock& clock, const std::string& name,
                              const std::string& finality) {
  storage::SqlDirectoryStore directory(db, clock);
  directory::Organisation o;
  o.name = name;
  o.finality = finality;
  o.languages = {"nl"};
  return *directory.create_organisation(o);
}

}  // namespace tafel::test_support
