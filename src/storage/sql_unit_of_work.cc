#include "storage/sql_unit_of_work.h"

#include <optional>
#include <stdexcept>

namespace tafel::storage {
namespace {

// Unwinds out of Database::transaction so that it rolls back; the work's own error
// is returned to the caller, not this exception's message.
struct WorkFailed : std::runtime_error {
  WorkFailed() : std::runtime_error("the use case failed; its writes were rolled back") {}
};

}  // namespace

Result<void> SqlUnitOfWork::run(const std::function<Result<void>()>& work) {
  std::optional<Result<void>> outcome;
  auto committed = database_.transaction([&](soci::session&) {
    outcome.emplace(work());
    if (!*outcome) throw WorkFailed();
  });
  if (outcome && !*outcome) return *outcome;
  return committed;
}

}  // namespace tafel::storage
