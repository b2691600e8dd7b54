#include "app/unit_of_work.h"

namespace tafel::app {
namespace {

class ImmediateUnitOfWork final : public UnitOfWork {
 public:
  Result<void> run(const std::function<Result<void>()>& work) override { return work(); }
};

}  // namespace

UnitOfWork& UnitOfWork::immediate() {
  static ImmediateUnitOfWork instance;
  return instance;
}

}  // namespace tafel::app
