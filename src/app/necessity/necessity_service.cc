#include "app/necessity/necessity_service.h"

#include "app/audit/record_change.h"
#include "app/authorization.h"
#include "core/sharing/policy.h"

namespace tafel::app::necessity {

using core::audit::Action;
using nc::NecessityRight;
using nc::NecessityStanding;
using nc::Report;
using nc::Review;

namespace {

Result<void> allowed(const Caller& c, NecessityRight right, NecessityStanding standing = {}) {
  return authorize(c.principal, right, standing);
}

NecessityStanding standing_of(const Caller& c, access::UserId author, access::OrganisationId organisation) {
  return NecessityStanding{c.principal.user_id == author, c.principal.organisation_id == organisation};
}

std::string person_of(std::int64_t case_id) { return case_id == 0 ? std::string() : cases::subject_id(case_id); }

}  // namespace

NecessityService::NecessityService(NecessityStore& store, cases::CaseDirectory& cases,
                                   decisions::SharingWorldSource& world, audit::AuditTrail& audit, const Clock& clock,
                                   UnitOfWork& transactions)
    : store_(store), cases_(cases), world_(world), audit_(audit), clock_(clock), transactions_(transactions) {}

std::int64_t NecessityService::now_us() const { return clock_.now().time_since_epoch().count(); }

Result<void> NecessityService::audit(const Caller& caller, Action action, const std::string& object_type,
                                     const std::string& id, const std::string& ground, core::audit::Outcome outcome) {
  return app::audit::record_change(audit_, caller.principal, caller.origin, {action, object_type, id, outcome, ground});
}

Result<std::vector<cases::CaseSummary>> NecessityService::cases(const Caller& caller) {
  if (auto ok = allowed(caller, NecessityRight::submit_report); !ok) return tl::unexpected(ok.error());
  return cases_.visible_cases(caller.principal);
}

Result<Outcome> NecessityService::submit(const Caller& caller, Claim claim) {
  if (auto ok = allowed(caller, NecessityRight::submit_report); !ok) return tl::unexpected(ok.error());
  Report report;
  report.author = caller.principal.user_id;
  report.organisation = caller.principal.organisation_id;
  report.ground = claim.ground;
  report.recipient = claim.recipient;
  report.case_id = claim.case_id;
  report.categories = claim.categories;
  report.purpose = claim.purpose;
  report.justification = std::move(claim.justification);
  report.tried = std::move(claim.tried);
  report.reasoning = std::move(claim.reasoning);
  if (auto ok = nc::check_claim(report); !ok) return tl::unexpected(ok.error());
  if (report.recipient == report.organisation) return fail("invalid_input", "recipient");
  if (report.case_id != 0) {
    // Only a case the caller may see: the two refusals look the same on purpose.
    auto seen = cases_.visible(caller.principal, report.case_id);
    if (!seen) return tl::unexpected(seen.error());
    if (!*seen) return fail("invalid_input", "case");
  }

  auto world = world_.current();
  if (!world) return tl::unexpected(world.error());
  const decisions::CompiledWorld& w = **world;
  auto actor = w.organisation(report.organisation);
  if (!actor) return fail("invalid_input", "organisation");
  auto recipient = w.organisation(report.recipient);
  if (!recipient) return fail("invalid_input", "recipient");
  sharing::Request request;
  request.actor = *actor;
  request.recipient = *recipient;
  request.categories = report.categories;
  request.purpose = report.purpose;
  request.ground = report.ground;
  request.justification = report.justification;
  request.at = now_us();
  if (report.case_id != 0) {
    auto subject = w.subject(report.case_id);
    if (!subject) return fail("invalid_input", "case");  // a case created after the world was read
    request.subject = *subject;
  } else {
    request.subject = w.unknown_person;
  }
  if (auto ok = w.policy.validate(request); !ok) return tl::unexpected(ok.error());
  sharing::Decision decision = w.policy.decide(request);

  Outcome out;
  out.assessment.permit = decision.permit;
  out.assessment.ground = decision.ground;
  if (decision.permit) out.assessment.obligations = w.policy.obligations(decision);
  out.assessment.reasons.assign(decision.reasons().begin(), decision.reasons().end());
  out.assessment.explanation = w.explain(request, decision);

  const std::string ground(sharing::name_of(report.ground));
  const std::string person = person_of(report.case_id);
  // The question itself, as "May I share this?" records it: the person by case
  // pseudonym only, or the recipient when no case was picked.
  auto question = [&]() {
    return audit(caller, Action::sharing_decision, person.empty() ? "organisation" : "person",
                 person.empty() ? std::to_string(report.recipient) : person, ground,
                 decision.permit ? core::audit::Outcome::success : core::audit::Outcome::denied);
  };
  if (!decision.permit) {
    if (auto ok = question(); !ok) return tl::unexpected(ok.error());
    return out;
  }
  if (auto ok = nc::check_reasoning(report); !ok) {
    if (auto q = question(); !q) return tl::unexpected(q.error());
    return tl::unexpected(ok.error());
  }
  report.decided_ground = decision.ground.value_or(report.ground);
  report.obligations = out.assessment.obligations;
  report.created_at_us = request.at;

  // The question, the report, its queued review and their entries commit together.
  auto saved = transactions_.run_returning<Report>([&]() -> Result<Report> {
    if (auto ok = question(); !ok) return tl::unexpected(ok.error());
    auto stored = store_.insert_report(report);
    if (!stored) return tl::unexpected(stored.error());
    if (auto ok = audit(caller, Action::create, "necessity_report", std::to_string(stored->id), ground); !ok) {
      return tl::unexpected(ok.error());
    }
    ReviewSubject subject{std::string(kReportKind), stored->id,
                          ground + " report " + std::to_string(stored->id) + " to organisation " +
                              std::to_string(stored->recipient),
                          stored->author, stored->organisation};
    if (auto queued = enqueue_review(subject, caller.origin); !queued) return tl::unexpected(queued.error());
    return stored;
  });
  if (!saved) return tl::unexpected(saved.error());
  out.report = std::move(*saved);
  return out;
}

Result<Review> NecessityService::enqueue_review(const ReviewSubject& subject, const audit::Origin& origin) {
  Review review;
  review.kind = subject.kind;
  review.subject = subject.id;
  review.organisation = subject.organisation;
  review.author = subject.author;
  review.summary = subject.summary;
  review.created_at_us = now_us();
  if (auto ok = nc::check_new_review(review); !ok) return tl::unexpected(ok.error());
  return transactions_.run_returning<Review>([&]() -> Result<Review> {
    auto stored = store_.insert_review(review);
    if (!stored) return tl::unexpected(stored.error());
    core::audit::Entry e;
    e.actor = std::to_string(subject.author);
    e.organisation = std::to_string(subject.organisation);
    e.action = Action::create;
    e.object_type = "dpo_review";
    e.object_id = std::to_string(stored->id);
    if (auto r = audit_.record(std::move(e), origin); !r) return tl::unexpected(r.error());
    return stored;
  });
}

Result<std::vector<ReportView>> NecessityService::my_reports(const Caller& caller) {
  if (auto ok = allowed(caller, NecessityRight::submit_report); !ok) return tl::unexpected(ok.error());
  auto reports = store_.reports_by(caller.principal.user_id);
  if (!reports) return tl::unexpected(reports.error());
  std::vector<ReportView> out;
  for (auto& r : *reports) {
    auto review = store_.review_of(kReportKind, r.id);
    if (!review) return tl::unexpected(review.error());
    out.push_back({std::move(r), std::move(*review)});
  }
  return out;
}

Result<ReportView> NecessityService::report(const Caller& caller, std::int64_t id) {
  auto found = store_.find_report(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail("not_found", "no such report");
  if (auto ok = allowed(caller, NecessityRight::view_report, standing_of(caller, (*found)->author, (*found)->organisation));
      !ok) {
    return tl::unexpected(ok.error());
  }
  auto review = store_.review_of(kReportKind, id);
  if (!review) return tl::unexpected(review.error());
  if (auto ok = audit(caller, Action::view, "necessity_report", std::to_string(id)); !ok) return tl::unexpected(ok.error());
  return ReportView{std::move(**found), std::move(*review)};
}

Result<Review> NecessityService::answer(const Caller& caller, std::int64_t report_id, std::string text) {
  auto found = store_.find_report(report_id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail("not_found", "no such report");
  if (auto ok = allowed(caller, NecessityRight::answer_review,
                        standing_of(caller, (*found)->author, (*found)->organisation));
      !ok) {
    return tl::unexpected(ok.error());
  }
  auto review = store_.review_of(kReportKind, report_id);
  if (!review) return tl::unexpected(review.error());
  if (!*review) return fail("no_question", "the report has no review");
  Review r = std::move(**review);
  if (auto ok = nc::answer(r, caller.principal.user_id, std::move(text), now_us()); !ok) return tl::unexpected(ok.error());
  return transactions_.run_returning<Review>([&]() -> Result<Review> {
    auto saved = store_.update_review(r);
    if (!saved) return tl::unexpected(saved.error());
    if (auto ok = audit(caller, Action::update, "dpo_review_answer", std::to_string(r.id)); !ok) {
      return tl::unexpected(ok.error());
    }
    return saved;
  });
}

Result<Review> NecessityService::load_review(std::int64_t id) {
  auto found = store_.find_review(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail("not_found", "no such review");
  return std::move(**found);
}

Result<std::vector<Review>> NecessityService::queue(const Caller& caller) {
  if (auto ok = allowed(caller, NecessityRight::review, NecessityStanding{false, true}); !ok) {
    return tl::unexpected(ok.error());
  }
  return store_.reviews_of(caller.principal.organisation_id);
}

Result<ReviewView> NecessityService::review(const Caller& caller, std::int64_t id) {
  auto r = load_review(id);
  if (!r) return tl::unexpected(r.error());
  if (auto ok = allowed(caller, NecessityRight::review, standing_of(caller, 0, r->organisation)); !ok) {
    return tl::unexpected(ok.error());
  }
  ReviewView view{std::move(*r), std::nullopt};
  if (view.review.kind == kReportKind) {
    auto report = store_.find_report(view.review.subject);
    if (!report) return tl::unexpected(report.error());
    view.report = std::move(*report);
  }
  if (auto ok = audit(caller, Action::view, "dpo_review", std::to_string(id)); !ok) return tl::unexpected(ok.error());
  return view;
}

template <typename Step>
Result<Review> NecessityService::conclude(const Caller& caller, std::int64_t id, const std::string& what, Step&& step) {
  auto r = load_review(id);
  if (!r) return tl::unexpected(r.error());
  if (auto ok = allowed(caller, NecessityRight::review, standing_of(caller, 0, r->organisation)); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = step(*r); !ok) return tl::unexpected(ok.error());
  return transactions_.run_returning<Review>([&]() -> Result<Review> {
    auto saved = store_.update_review(*r);
    if (!saved) return tl::unexpected(saved.error());
    if (auto ok = audit(caller, Action::update, what, std::to_string(id)); !ok) return tl::unexpected(ok.error());
    return saved;
  });
}

Result<Review> NecessityService::ask(const Caller& caller, std::int64_t id, std::string question) {
  return conclude(caller, id, "dpo_review_question",
                  [&](Review& r) { return nc::ask(r, caller.principal.user_id, std::move(question), now_us()); });
}

Result<Review> NecessityService::accept(const Caller& caller, std::int64_t id) {
  return conclude(caller, id, "dpo_review_accepted",
                  [&](Review& r) { return nc::accept(r, caller.principal.user_id, now_us()); });
}

Result<Review> NecessityService::not_accept(const Caller& caller, std::int64_t id, std::string reason) {
  return conclude(caller, id, "dpo_review_not_accepted",
                  [&](Review& r) { return nc::not_accept(r, caller.principal.user_id, std::move(reason), now_us()); });
}

}  // namespace tafel::app::necessity
