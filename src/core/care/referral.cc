#include "core/care/referral.h"

#include <algorithm>
#include <set>

namespace tafel::care {
namespace {

constexpr StateLimit kDefaultLimits[] = {
    {ReferralState::sent, 3},    {ReferralState::received, 7}, {ReferralState::waiting_list, 90},
    {ReferralState::intake, 14}, {ReferralState::accepted, 14},
};

}  // namespace

Result<Referral> open_referral(const NewReferral& request, Timestamp at) {
  if (request.referrer_organisation == 0 || request.service_id == 0 || request.service_organisation == 0) {
    return fail("invalid_input", "a referral needs the referring organisation and the service");
  }
  Referral referral;
  referral.kind = request.kind;
  referral.referrer_organisation = request.referrer_organisation;
  referral.referrer_user = request.referrer_user;
  referral.service_id = request.service_id;
  referral.service_organisation = request.service_organisation;
  referral.target_group = request.target_group;
  referral.question = request.question;
  if (request.kind == ReferralKind::advice) {
    if (!request.subject_id.empty() || request.consent_id != 0 || !request.selected.empty()) {
      return fail("advice_without_person", "an advice referral names no person and sends no personal fields");
    }
  } else {
    if (request.subject_id.empty()) return fail("person_required", "a referral about a person names the person");
    if (request.ground == sharing::Ground::not_personal) {
      return fail("ground_required", "personal fields travel only on a ground: consent or another");
    }
    if (request.ground == sharing::Ground::consent && request.consent_id == 0) {
      return fail("consent_required", "name the consent the referral relies on");
    }
    std::set<std::string, std::less<>> seen;
    for (const std::string& name : request.selected) {
      if (!seen.insert(name).second) return fail("duplicate_field", "a field is selected twice");
      auto it = std::find_if(request.available.begin(), request.available.end(),
                             [&](const SharedField& f) { return f.name == name; });
      if (it == request.available.end()) return fail("unknown_field", "a selected field is not one of the person's");
      referral.fields.push_back(*it);
    }
    referral.subject_id = request.subject_id;
    referral.ground = request.ground;
    referral.consent_id = request.consent_id;
  }
  referral.steps.push_back(ReferralStep{ReferralState::sent, ReferralState::sent, std::nullopt,
                                        request.referrer_organisation, request.referrer_user, at, std::nullopt});
  return referral;
}

Result<void> apply_transition(Referral& referral, ReferralTransition transition, const ReferralActor& actor,
                              Timestamp at, const std::optional<Exclusion>& reason) {
  const Acting acting{actor.organisation == referral.referrer_organisation,
                      actor.organisation == referral.service_organisation};
  if (!acting.as_referrer && !acting.as_service) {
    return fail("not_a_party", "only the referring organisation and the service's organisation act on a referral");
  }
  auto to = check_transition(referral.kind, referral.state, transition, acting, reason);
  if (!to) return tl::unexpected(to.error());
  if (at < entered_state_at(referral)) {
    return fail("time_before_last_step", "a step cannot be dated before the previous one");
  }
  referral.steps.push_back(ReferralStep{referral.state, *to, transition, actor.organisation, actor.user, at, reason});
  referral.state = *to;
  return {};
}

Timestamp entered_state_at(const Referral& referral) {
  return referral.steps.empty() ? 0 : referral.steps.back().at;
}

ReferrerView referrer_view(const Referral& referral, bool ground_holds) {
  ReferrerView view;
  view.id = referral.id;
  view.kind = referral.kind;
  view.service_id = referral.service_id;
  view.question = referral.question;
  view.state = referral.state;
  for (const ReferralStep& step : referral.steps) {
    view.steps.push_back({step.to, step.at});
    if (step.reason) view.reason = step.reason->reason;
  }
  if (referral.kind == ReferralKind::person) {
    if (ground_holds) {
      view.fields = referral.fields;
    } else {
      view.ground_lapsed = true;
    }
  }
  return view;
}

std::span<const StateLimit> default_state_limits() { return kDefaultLimits; }

std::vector<Reminder> referrals_to_remind(std::span<const Referral> referrals, std::span<const StateLimit> limits,
                                          Timestamp now) {
  std::vector<Reminder> reminders;
  for (const Referral& referral : referrals) {
    if (is_final(referral.state)) continue;
    auto limit = std::find_if(limits.begin(), limits.end(),
                              [&](const StateLimit& l) { return l.state == referral.state; });
    if (limit == limits.end()) continue;
    const Timestamp since = entered_state_at(referral);
    const Timestamp elapsed = now - since;
    if (elapsed <= static_cast<Timestamp>(limit->days) * kMicrosPerDay) continue;
    reminders.push_back(
        Reminder{referral.id, referral.state, since, static_cast<int>(elapsed / kMicrosPerDay), limit->days});
  }
  return reminders;
}

}  // namespace tafel::care
