#include "web/necessity/page_support.h"

#include <chrono>
#include <cstdio>

#include "web/account_pages_support.h"

namespace tafel::web::necessity_pages {

using kainjow::mustache::data;
namespace nc = tafel::necessity;

app::necessity::Caller caller_of(const http::Request& request, const app::accounts::Authenticated& who) {
  return app::necessity::Caller{who.principal, audit_origin(request)};
}

std::map<access::OrganisationId, std::string> organisation_names(const Ctx& ctx, const access::Principal& who) {
  std::map<access::OrganisationId, std::string> out;
  if (auto orgs = ctx.accounts.directory->organisations(who)) {
    for (const auto& o : *orgs) out[o.id] = o.name;
  }
  return out;
}

std::string name_in(const std::map<access::OrganisationId, std::string>& names, access::OrganisationId id) {
  auto it = names.find(id);
  return it == names.end() ? "#" + std::to_string(id) : it->second;
}

std::string time_text(std::int64_t at_us) {
  using namespace std::chrono;
  sys_time<microseconds> t{microseconds{at_us}};
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss hms{floor<minutes>(t - day)};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02lld:%02lld UTC", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long long>(hms.hours().count()), static_cast<long long>(hms.minutes().count()));
  return buffer;
}

std::string state_text(const Page& page, const std::optional<nc::Review>& review) {
  if (!review) return page.text("necessity.state.submitted");
  return page.text("necessity.state." + std::string(nc::name_of(review->state)));
}

data report_rows(const Page& page, const nc::Report& r, const std::map<access::OrganisationId, std::string>& names) {
  data rows{data::type::list};
  auto row = [&](const std::string& key, const std::string& value) {
    data d;
    d.set("key", page.text("necessity.detail." + key));
    d.set("value", value.empty() ? page.text("necessity.none") : value);
    d.set("id", "detail-" + key);
    rows.push_back(d);
  };
  auto yes_no = [&](bool b) { return page.text(b ? "necessity.yes" : "necessity.no"); };
  row("ground", page.text("sharing.ground." + std::string(sharing::name_of(r.ground))));
  row("case", r.case_id == 0 ? page.text("necessity.case.none")
                             : page.text("necessity.case.label", {{"number", std::to_string(r.case_id)}}));
  row("higher_value", r.justification.higher_value);
  row("danger", r.justification.danger
                    ? page.text("necessity.danger." + std::string(sharing::name_of(*r.justification.danger)))
                    : page.text("necessity.danger.none"));
  row("cannot_protect", yes_no(r.justification.cannot_protect));
  row("other_means_exhausted", yes_no(r.justification.other_means_exhausted));
  row("tried", r.tried);
  row("recipient", name_in(names, r.recipient));
  std::string categories;
  r.categories.for_each([&](sharing::Category c) {
    categories += (categories.empty() ? "" : ", ") + page.text("sharing.category." + std::string(sharing::name_of(c)));
  });
  row("categories", categories);
  row("purpose", page.text("sharing.purpose." + std::string(sharing::name_of(r.purpose))));
  row("reasoning", r.reasoning);
  row("made", time_text(r.created_at_us));
  return rows;
}

data step_rows(const Page& page, const nc::Review& review) {
  data rows{data::type::list};
  for (const auto& s : review.steps) {
    data d;
    d.set("kind", page.text("necessity.step_kind." + s.kind));
    d.set("text", s.text);
    d.set("has_text", !s.text.empty());
    d.set("when", time_text(s.at_us));
    rows.push_back(d);
  }
  return rows;
}

std::string problem_text(const Page& page, const Error& e) {
  static constexpr std::string_view kKnown[] = {"reasoning_required", "no_question", "review_closed", "conflict",
                                                "invalid_input"};
  for (auto k : kKnown) {
    if (e.code == k) return page.text("necessity.error." + e.code);
  }
  return page.text("necessity.error.generic");
}

void set_notice(Page& page, const http::Request& request) {
  static constexpr std::string_view kDone[] = {"made", "asked", "answered", "accepted", "not_accepted"};
  std::string done = request.query_param("done").value_or("");
  for (auto d : kDone) {
    if (done == d) {
      page.set("has_notice", true);
      page.set("notice_label", page.text("necessity.done"));
      page.set("notice", page.text("necessity.done." + done));
    }
  }
}

}  // namespace tafel::web::necessity_pages
