#pragma once
// A fixed sharing world for the necessity tests: organisation 10 (a welfare service
// with professional secrecy), 20 (the prosecutor's office), 30 (the police); case 5
// (a minor, on 10's care track) and case 6 (an adult, neither minor nor vulnerable).

#include <memory>

#include "app/cases/case_directory.h"
#include "app/decisions/sharing_world.h"

namespace tafel::test_support {

class FixedSharingWorld final : public app::decisions::SharingWorldSource {
 public:
  FixedSharingWorld() {
    sharing::World w;
    w.organisations = {{"10", sharing::Sector::welfare, sharing::Secrecy::professional, false, sharing::Mission::care},
                       {"20", sharing::Sector::prosecution, sharing::Secrecy::discretion, true, sharing::Mission::safety},
                       {"30", sharing::Sector::police, sharing::Secrecy::none, true, sharing::Mission::safety}};
    w.subjects = {{"person", false, false}, {"case-5", true, false}, {"case-6", false, false}};
    auto policy = sharing::Policy::compile(std::move(w));
    world_ = std::make_shared<app::decisions::CompiledWorld>(app::decisions::CompiledWorld{
        std::move(*policy), {{10, 0}, {20, 1}, {30, 2}}, {}, {{5, 1}, {6, 2}}, 0,
        {{"10", "CAW"}, {"20", "Parket"}, {"30", "Politie"}}, {}, {}});
    calls = 0;
  }
  Result<std::shared_ptr<const app::decisions::CompiledWorld>> current() override {
    ++calls;
    return std::shared_ptr<const app::decisions::CompiledWorld>(world_);
  }
  int calls = 0;

 private:
  std::shared_ptr<app::decisions::CompiledWorld> world_;
};

inline void put_test_cases(app::cases::MemoryCaseDirectory& cases) {
  app::cases::CaseSummary minor;
  minor.id = 5;
  minor.table_id = 1;
  minor.minor = true;
  minor.care_organisations = {10};
  cases.put(minor);
  app::cases::CaseSummary adult;
  adult.id = 6;
  adult.table_id = 1;
  adult.care_organisations = {10};
  cases.put(adult);
}

}  // namespace tafel::test_support
