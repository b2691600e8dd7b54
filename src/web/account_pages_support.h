#pragma once
// What the account, organisation and directory pages share: the signed-in user of
// a page request (or the redirect or refusal to answer instead; built on viewer.h),
// and the view model of govuk-frontend form fields and tables for the shared
// "account_form" template.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kainjow/mustache.hpp>

#include "app/accounts/account_service.h"
#include "core/result.h"
#include "http/form.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "web/accounts_session.h"
#include "web/options.h"
#include "web/page.h"

namespace tafel::web {

// The enrolment page; the login flow sends users without a second factor here.
inline constexpr std::string_view kSecondFactorPath = "/account/second-factor";

// The outcome of checking who asks for a page: either the user, or the response to
// send instead (303 to the login or enrolment page, 403 for a wrong CSRF token, 500
// when the session store fails).
struct PageAccess {
  std::optional<app::accounts::Authenticated> who;
  std::optional<http::Response> response;
};

// Resolves the signed-in user of `request` (require_viewer). For a state-changing
// request, the form's csrf_token field (or the X-CSRF-Token header) must match the
// session's, else 403. With `enrolment_page`, a session still awaiting its second
// factor is accepted too (it may only enrol); elsewhere it is redirected.
PageAccess page_access(const AccountsContext& context, const Options& options, const http::Request& request,
                       const http::Form* form, bool enrolment_page = false);

// A page of the shared "accounts/account_form" template for `who`, in navigation
// section `section`, titled and headed by `title_key`, with the template's labels.
Page form_page(const http::Request& request, const Options& options, const app::accounts::Authenticated& who,
               std::string_view section, std::string_view title_key);

// page_access for a page handler: parses the body of a POST into `form` (an
// unreadable body gives the error page), then resolves the viewer and checks CSRF.
PageAccess page_access_with_form(const AccountsContext& context, const Options& options,
                                 const http::Request& request, std::optional<http::Form>& form);

// Wraps `handler(request, who, form)` into a route handler that runs it only for a
// signed-in user with a valid CSRF token on POST (page_access_with_form); GET
// handlers get an empty form. `context` is copied (it holds pointers to services,
// which must outlive the router).
template <typename Handler>
http::Handler signed_in_page(const AccountsContext& context, const Options& options, Handler handler) {
  return [context, options, handler](http::Request& request) -> http::Response {
    std::optional<http::Form> form;
    PageAccess access = page_access_with_form(context, options, request, form);
    if (!access.who) return std::move(*access.response);
    return handler(request, *access.who, form ? *form : http::Form{});
  };
}

// The page answer for an expected failure of a use case: "not_authenticated" sends
// to the login page, the others give the error page with status_for(error).
http::Response page_error(const http::Request& request, const Options& options, const Error& error);

// The 303 to the login page that comes back to `request`'s page afterwards.
http::Response login_redirect(const http::Request& request);

// Marks a signed-in page as private: never stored by a browser or proxy.
http::Response no_store(http::Response response);

// Parses a positive decimal record id; nullopt for anything else.
std::optional<std::int64_t> parse_record_id(std::string_view text);

// One choice of a select, radio or checkbox field.
struct Choice {
  std::string value;
  std::string label;
  bool selected = false;
};

// One form field as govuk-frontend draws it. `type` is an <input> type ("text",
// "email", "tel", "url", "password"), "textarea", "select", "radios" or "checkboxes".
struct Field {
  std::string name;
  std::string label;
  std::string type = "text";  // an <input> type, or textarea, select, radios, checkboxes, readonly (shown, not sent)
  std::string value;
  std::string hint;
  std::string error;         // translated message; empty when the field is fine
  std::string autocomplete;  // e.g. "new-password"; empty: none
  std::string width_class;   // e.g. "govuk-input--width-20"; empty: full width
  std::vector<Choice> choices;
};

// The view model of a form for the shared templates: fields, the CSRF token, the
// error summary (a link to each field in error) and the submit button.
kainjow::mustache::data form_data(const Page& page, std::string_view action, const std::vector<Field>& fields,
                                  std::string_view csrf_token, std::string_view submit_label);

// True if any field carries an error.
bool has_errors(const std::vector<Field>& fields);

// Puts a use-case failure on the form: on the field named by the failure message when
// one matches ("name", "phone", ...), else on `fallback_field`. The text comes from
// the catalog key "<prefix>.<field>" when it exists, else "<prefix>.generic".
void attach_error(const Page& page, std::vector<Field>& fields, const Error& error, std::string_view prefix,
                  std::string_view fallback_field);

// Table cells for the shared "account_form" template: plain text, a link, or a
// POST button (with the CSRF token) whose visually hidden `hidden` text names the row.
kainjow::mustache::data text_cell(std::string text);
kainjow::mustache::data link_cell(std::string text, std::string href);
kainjow::mustache::data button_cell(std::string text, std::string hidden, std::string action, std::string csrf);
// A table for the "account_form" template; `rows` is a list of {cells: [...]}.
kainjow::mustache::data table_data(std::string caption, const std::vector<std::string>& head,
                                   kainjow::mustache::data rows, std::string empty_text);
// A row of cells for table_data.
kainjow::mustache::data row_data(std::initializer_list<kainjow::mustache::data> cells);
// A list of strings for mustache.
kainjow::mustache::data string_list(const std::vector<std::string>& items);

// Standard base64 (RFC 4648 with padding), for data: URLs.
std::string base64(std::string_view bytes);

// The date (YYYY-MM-DD, UTC) of a time in microseconds since the epoch; "" for 0.
std::string date_of(std::int64_t micros);

}  // namespace tafel::web
