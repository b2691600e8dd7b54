#pragma once
// Seeding an organisation straight through the directory store, for storage tests
// that need a row the other tables refer to (no accounts, no audit).

#include <cstdint>
#include <string>

#include "app/clock.h"
#include "storage/database.h"

namespace tafel::test_support {

// Creates an organisation named `name` with `finality` (Dutch) in `db` and returns
// its id (a failure is a broken test setup: the result is dereferenced).
std::int64_t add_organisation(storage::Database& db, const app::Clock& clock, const std::string& name,
                              const std::string& finality = "Test");

}  // namespace tafel::test_support
