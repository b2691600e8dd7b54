#pragma once
// What the situation pages share (list_page.cc, situation_page.cc,
// situation_forms.cc): their context, organisation and area names, the caller of a
// request, the translated problem of a failure, and free text split into segments
// with the spans that look like a personal identifier marked (rendered as <mark>).
// Not a public header: include it only from web/situations/*.cc.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "app/situations/situation_service.h"
#include "http/request.h"
#include "web/accounts_session.h"
#include "web/contributions/contribution_routes.h"
#include "web/options.h"
#include "web/page.h"

namespace tafel::web::situation_pages {

struct Ctx {
  AccountsContext accounts;
  app::situations::SituationService* situations = nullptr;
  Options options;
  SituationSection contributions;  // the contributions section, when wired
  std::function<bool(const access::Principal&, std::int64_t)> may_open_table;  // TableAccess, when wired
};

app::situations::Caller caller_of(const http::Request& request, const app::accounts::Authenticated& who);

// Organisation and area names the caller may see, looked up once per request.
class Names {
 public:
  Names(const Ctx& ctx, const access::Principal& who);
  std::string organisation(access::OrganisationId id) const;
  std::string area(std::int64_t id) const;
  const std::map<access::OrganisationId, std::string>& organisations() const { return organisations_; }
  const std::map<std::int64_t, std::string>& areas() const { return areas_; }

 private:
  std::map<access::OrganisationId, std::string> organisations_;
  std::map<std::int64_t, std::string> areas_;
};

// The translated sentence for a failure of the service ("situations.error.<code>"
// for known codes, else the generic one).
std::string problem_text(const Page& page, const Error& error);

// `text` as segments {text, mark} with the flags of `field` marked.
kainjow::mustache::data segments(const std::string& text, const std::vector<app::situations::Flag>& flags,
                                 const std::string& field);

// The label of a field name ("behaviour", "triangle.offender", "voice", ...).
std::string field_label(const Page& page, const std::string& field);

// An error summary of the flags: one line per flag, linking to the field's id
// ("field-" + field with dots as dashes).
kainjow::mustache::data flag_lines(const Page& page, const std::vector<app::situations::Flag>& flags);

std::string field_id(const std::string& field);

using web::choices;  // web/page.h

// A positive id from a form field, 0 for anything else.
std::int64_t id_or_zero(std::string_view text);

// "14/03/2026" from "2026-03-14" (the Belgian way, in every language).
std::string date_text(const std::string& iso);

}  // namespace tafel::web::situation_pages
