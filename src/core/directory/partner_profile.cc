#include "core/directory/partner_profile.h"

#include <algorithm>

namespace tafel::directory {

using Kind = ProfileStatement::Kind;

std::string_view name_of(Kind kind) {
  constexpr std::string_view names[] = {"purpose", "can", "cannot", "must"};
  return names[static_cast<std::size_t>(kind)];
}

std::vector<ProfileStatement> sharing_profile(const Organisation& o) {
  std::vector<ProfileStatement> out;
  switch (o.mission) {
    case sharing::Mission::care: out.push_back({Kind::purpose, "mission_care"}); break;
    case sharing::Mission::safety: out.push_back({Kind::purpose, "mission_safety"}); break;
    case sharing::Mission::both: out.push_back({Kind::purpose, "mission_both"}); break;
  }

  // Aggregate information is not personal data: every partner can share it.
  out.push_back({Kind::can, "aggregate"});
  switch (o.secrecy) {
    case sharing::Secrecy::professional:
      out.push_back({Kind::can, "professional_consent"});
      out.push_back({Kind::can, "professional_case_consultation"});
      if (!o.reporting_duty) out.push_back({Kind::can, "professional_shared_secrecy"});
      out.push_back({Kind::can, "professional_art458bis"});
      out.push_back({Kind::cannot, "professional_no_agreement"});
      break;
    case sharing::Secrecy::discretion:
      out.push_back({Kind::can, "agreement"});
      out.push_back({Kind::can, "consent"});
      out.push_back({Kind::cannot, "discretion_minimum"});
      break;
    case sharing::Secrecy::none:
      out.push_back({Kind::can, "agreement"});
      out.push_back({Kind::can, "consent"});
      break;
  }
  if (o.reporting_duty) {
    out.push_back({Kind::cannot, "reporting_no_shared_secrecy"});
    out.push_back({Kind::must, "reporting_duty"});
  } else {
    out.push_back({Kind::must, "no_reporting_duty"});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.kind < b.kind; });
  return out;
}

}  // namespace tafel::directory
