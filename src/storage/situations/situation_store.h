#pragma once
// SituationStore on SQL (SQLite or PostgreSQL, migration 0012): each situation as
// one JSON document with a version for optimistic concurrency, its involved
// organisations as rows for "the situations of my organisation". SituationDirectory
// reads the display names of the directory's users (every contact person is a user)
// and checks that areas and organisations exist.

#include "app/clock.h"
#include "app/situations/situation_store.h"
#include "storage/database.h"

namespace tafel::storage {

class SqlSituationStore final : public app::situations::SituationStore, public app::situations::SituationDirectory {
 public:
  SqlSituationStore(Database& database, const app::Clock& clock) : db_(database), clock_(clock) {}

  Result<situations::Situation> insert(situations::Situation situation) override;
  Result<std::optional<situations::Situation>> find(std::int64_t id) override;
  Result<situations::Situation> update(situations::Situation situation) override;
  Result<std::vector<situations::Situation>> list(std::optional<access::OrganisationId> organisation,
                                                  std::int64_t before, std::size_t limit) override;
  Result<std::vector<std::string>> display_names_among(const std::vector<std::string>& keys) override;
  Result<bool> area_exists(std::int64_t area) override;
  Result<bool> organisation_exists(access::OrganisationId organisation) override;

 private:
  Database& db_;
  const app::Clock& clock_;
};

// The document form of a situation (JSON), and back. `decode_situation` fails with
// "corrupt_record" when the stored text is not a situation document.
std::string encode_situation(const situations::Situation& situation);
Result<situations::Situation> decode_situation(std::string_view text);

}  // namespace tafel::storage
