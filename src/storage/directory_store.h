#pragma once
// SqlDirectoryStore: app::directory::DirectoryStore on the tafel database (tables of
// migrations 0003 and 0004), for SQLite and PostgreSQL. Thread-safe.
//
// list_organisations() answers from a copy kept per sharing-world generation (ADR
// 0015): every write of an organisation or of its areas raises the generation in its
// own transaction, on any server, so one one-row read tells whether the copy is
// still the database's list.

#include <cstdint>
#include <memory>
#include <mutex>

#include "app/clock.h"
#include "app/directory/directory_store.h"
#include "storage/database.h"

namespace tafel::storage {

class SqlDirectoryStore final : public app::directory::DirectoryStore {
 public:
  SqlDirectoryStore(Database& database, const app::Clock& clock) : db_(database), clock_(clock) {}

  Result<directory::OrganisationId> create_organisation(const directory::Organisation& organisation) override;
  Result<void> update_organisation(const directory::Organisation& organisation) override;
  Result<std::optional<directory::Organisation>> find_organisation(directory::OrganisationId id) override;
  Result<std::vector<directory::Organisation>> list_organisations() override;
  Result<directory::AreaId> create_area(const directory::Area& area) override;
  Result<std::vector<directory::Area>> list_areas() override;
  Result<directory::TopicId> create_topic(const directory::Topic& topic) override;
  Result<std::vector<directory::Topic>> list_topics() override;
  Result<directory::ContactPointId> create_contact_point(const directory::ContactPoint& contact_point) override;
  Result<void> update_contact_point(const directory::ContactPoint& contact_point) override;
  Result<void> delete_contact_point(directory::ContactPointId id) override;
  Result<std::optional<directory::ContactPoint>> find_contact_point(directory::ContactPointId id) override;
  Result<std::vector<directory::ContactPoint>> find_contact_points(std::optional<directory::TopicId> topic,
                                                                   const std::vector<directory::AreaId>& areas,
                                                                   directory::ContactPointId after,
                                                                   std::size_t limit) override;
  Result<std::vector<directory::Organisation>> find_organisations(
      const std::vector<directory::OrganisationId>& ids) override;
  Result<std::vector<directory::ContactPoint>> list_contact_points(
      std::optional<directory::OrganisationId> organisation) override;

 private:
  // The rows matching `condition` (SQL over the table's columns, binding `value` as
  // :v); each reads its own link rows (areas, deputies) only, by id. `fixed_text`:
  // the condition is a constant (no ids spliced in), so its statements are kept
  // prepared on the session (storage/prepared_statement.h).
  Result<std::vector<directory::Organisation>> organisations_where(const std::string& condition, long long value,
                                                                   bool fixed_text = true);
  Result<std::vector<directory::ContactPoint>> contact_points_where(const std::string& condition, long long value);
  long long now() const { return clock_.now().time_since_epoch().count(); }

  Database& db_;
  const app::Clock& clock_;

  std::mutex organisations_mutex_;
  // The whole list as read at generation `organisations_generation_` or later.
  std::shared_ptr<const std::vector<directory::Organisation>> organisations_;
  std::int64_t organisations_generation_ = -1;
};

}  // namespace tafel::storage
