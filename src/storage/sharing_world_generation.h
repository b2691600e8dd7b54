#pragma once
// The generation of the sharing engine's world in the database (migration 0017, one
// row; ADR 0015). A store that writes an input of the world raises it in the same
// transaction as the write, so every server's cached world
// (app/decisions/cached_sharing_world.h) is rebuilt before its next decision.
//
// Inputs of the world: organisations of the directory, agreements (versions, status),
// a table's name, members, basis, reference, approval or finality, cases (their
// flags and care track), consents. Stores of cases and consents: call
// bump_sharing_world(session) inside the transaction that writes them.

#include "app/decisions/world_generation.h"
#include "storage/database.h"

namespace tafel::storage {

// Raises the generation on `session`, which must be the session of the transaction
// that writes the change (inside Database::transaction). Throws like any statement.
void bump_sharing_world(soci::session& session);

// Raises the generation inside the transaction this thread has open on `database`
// (joining it, see Database::with_session); on its own transaction when none is open.
Result<void> bump_sharing_world(Database& database);

class SqlWorldGeneration final : public app::decisions::WorldGeneration {
 public:
  // `database` must outlive this object.
  explicit SqlWorldGeneration(Database& database) : database_(database) {}
  Result<std::int64_t> current() override;

 private:
  Database& database_;
};

}  // namespace tafel::storage
