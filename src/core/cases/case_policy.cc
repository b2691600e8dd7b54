#include "core/cases/case_policy.h"

namespace tafel::cases {

namespace {
constexpr access::Decision kAllow{true, ""};
constexpr access::Decision deny(std::string_view reason) { return access::Decision{false, reason}; }
}  // namespace

std::string_view name_of(CaseRight right) {
  constexpr std::string_view names[] = {"open_case", "view_case", "view_identity", "edit_identity", "manage_case"};
  return names[static_cast<std::size_t>(right)];
}

CaseStanding standing_for(const access::Principal& who, const Case& c, bool delegate, bool cases_open) {
  return CaseStanding{delegate, c.involves(who.organisation_id), cases_open, c.open()};
}

access::Decision authorise(const std::optional<access::Principal>& who, CaseRight right, const CaseStanding& s) {
  if (!who) return deny("not_authenticated");
  const access::Principal& p = *who;
  if (access::sees_personal_data(p.role) && !p.second_factor_passed) return deny("second_factor_required");
  if (p.role == access::Role::observer) return deny("role");
  bool practitioner = p.role == access::Role::organisation_admin || p.role == access::Role::member;
  switch (right) {
    case CaseRight::open_case:
      if (!practitioner) return deny("role");
      if (!s.delegate) return deny("not_a_delegate");
      return s.cases_open ? kAllow : deny("cases_closed");
    case CaseRight::view_case:
      if (p.role == access::Role::platform_admin) return kAllow;
      if (!s.on_track) return deny("not_on_track");
      if (p.role == access::Role::dpo) return kAllow;
      return s.delegate ? kAllow : deny("not_a_delegate");
    case CaseRight::view_identity:
    case CaseRight::edit_identity:
      if (!practitioner) return deny("role");
      if (!s.on_track) return deny("not_on_track");
      if (!s.delegate) return deny("not_a_delegate");
      if (!s.cases_open) return deny("cases_closed");
      return s.case_open ? kAllow : deny("case_closed");
    case CaseRight::manage_case:
      if (p.role == access::Role::platform_admin) return kAllow;
      if (!practitioner) return deny("role");
      if (!s.on_track) return deny("not_on_track");
      return s.delegate ? kAllow : deny("not_a_delegate");
  }
  return deny("role");
}

bool may_see_track(access::OrganisationId organisation, const Case& c, Track track) {
  return c.on_track(organisation, track);
}

}  // namespace tafel::cases
