#include "storage/sharing_world_generation.h"

#include <soci/soci.h>

#include "storage/prepared_statement.h"

namespace tafel::storage {

void bump_sharing_world(soci::session& session) {
  // One row: writers of the world's inputs serialise on it, which is what makes a
  // reader's "same generation" mean "nothing committed since".
  PreparedStatement(session, "UPDATE sharing_world_generation SET generation = generation + 1 WHERE id = 1").execute();
}

Result<void> bump_sharing_world(Database& database) {
  return database.with_session([](soci::session& s) { bump_sharing_world(s); });
}

Result<std::int64_t> SqlWorldGeneration::current() {
  long long generation = 0;
  auto r = database_.with_session([&](soci::session& s) {
    PreparedStatement(s, "SELECT generation FROM sharing_world_generation WHERE id = 1").execute(soci::into(generation));
  });
  if (!r) return tl::unexpected(r.error());
  return static_cast<std::int64_t>(generation);
}

}  // namespace tafel::storage
