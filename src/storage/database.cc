#include "storage/database.h"

#include "storage/database_url.h"
#include "storage/migration.h"
#include "storage/soci_database.h"

namespace tafel::storage {

Result<std::unique_ptr<Database>> Database::open(const std::string& url, std::size_t pool_size) {
  auto parsed = parse_database_url(url);
  // A URL that cannot be understood is one more reason the database is unavailable.
  if (!parsed) return fail("database_unavailable", parsed.error().message);
  return SociDatabase::open(*parsed, pool_size);
}

int Database::latest_schema_version() {
  const auto& migrations = builtin_migrations();
  return migrations.empty() ? 0 : migrations.back().version;
}

}  // namespace tafel::storage
