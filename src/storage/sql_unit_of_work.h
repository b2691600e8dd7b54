#pragma once
// SqlUnitOfWork: app::UnitOfWork as one transaction of a Database. Repositories and
// the audit trail (SqlAuditTrail writes inside an open transaction instead of group
// committing) join it because Database::transaction and with_session nest on the
// same thread. Thread-safe: each thread has its own transaction.

#include "app/unit_of_work.h"
#include "storage/database.h"

namespace tafel::storage {

class SqlUnitOfWork final : public app::UnitOfWork {
 public:
  // `database` must outlive this object.
  explicit SqlUnitOfWork(Database& database) : database_(database) {}

  Result<void> run(const std::function<Result<void>()>& work) override;

 private:
  Database& database_;
};

}  // namespace tafel::storage
