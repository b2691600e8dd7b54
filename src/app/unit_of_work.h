#pragma once
// UnitOfWork: makes a use case's writes atomic across repositories and the audit
// trail. A change and its audit entry commit together or not at all (issue 5: "the
// audit entry of a change is written in the same transaction as the change"), so a
// crash can never leave a change without its entry, nor an entry for a change that
// did not happen.
//
// Production: storage::SqlUnitOfWork, one database transaction that every store call
// and AuditTrail::record made inside `work` on the same thread joins. Tests of use
// cases over memory stores use UnitOfWork::immediate(), which just runs `work`.

#include <functional>
#include <optional>
#include <utility>

#include "core/result.h"

namespace tafel::app {

class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;

  // Runs `work` as one unit: everything it writes through stores and the audit trail
  // on this thread commits when it returns success, and is rolled back when it
  // returns an error or throws. Returns `work`'s own error unchanged, or the
  // storage error when the commit itself failed. Calls nest (an inner run joins).
  virtual Result<void> run(const std::function<Result<void>()>& work) = 0;

  // The same for work that produces a value.
  template <typename T, typename Work>
  Result<T> run_returning(Work&& work) {
    std::optional<Result<T>> produced;
    auto done = run([&]() -> Result<void> {
      produced.emplace(work());
      if (!*produced) return tl::unexpected(produced->error());
      return {};
    });
    if (produced && !*produced) return std::move(*produced);
    if (!done) return tl::unexpected(done.error());
    return std::move(*produced);
  }

  // Runs `work` directly, without atomicity: for memory stores in tests. Thread-safe.
  static UnitOfWork& immediate();
};

}  // namespace tafel::app
