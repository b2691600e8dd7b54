#include "web/account_pages_support.h"

#include <charconv>
#include <chrono>
#include <cstdio>

#include "core/access/role.h"
#include "i18n/catalog.h"
#include "web/language.h"
#include "web/pages.h"
#include "web/viewer.h"

namespace tafel::web {
namespace {

using kainjow::mustache::data;

// The page asked for, as a local path to come back to after logging in.
std::string next_path(const http::Request& request) {
  if (auto local = local_path(request.target)) return *local;
  return local_path(request.path).value_or("/");
}

}  // namespace

http::Response login_redirect(const http::Request& request) {
  return see_other("/login?next=" + url_encode(next_path(request)));
}

http::Response no_store(http::Response response) {
  response.set_header("Cache-Control", "no-store");
  return response;
}

PageAccess page_access(const AccountsContext& context, const Options& options, const http::Request& request,
                       const http::Form* form, bool enrolment_page) {
  PageAccess access;
  if (enrolment_page) {
    // require_viewer would send a user who has not enrolled back here: accept the
    // pending session, whose only permitted action is to enrol.
    std::string token = session_token(context, request);
    auto who = token.empty() ? Result<std::optional<app::accounts::Authenticated>>(std::nullopt)
                             : context.accounts->authenticate(token);
    if (!who) {
      access.response = error_page(request, options, 500);
      return access;
    }
    if (!*who) {
      access.response = login_redirect(request);
      return access;
    }
    access.who = std::move(**who);
  } else {
    PageGate gate = require_viewer(context, request);
    if (!gate.viewer) {
      access.response = std::move(gate.response);
      return access;
    }
    access.who = std::move(gate.viewer);
  }
  if (!is_safe_method(request.method) && !(form && form_csrf_ok(*access.who, request, *form))) {
    access.who.reset();
    access.response = no_store(error_page(request, options, 403));
  }
  return access;
}

Page form_page(const http::Request& request, const Options& options, const app::accounts::Authenticated& who,
               std::string_view section, std::string_view title_key) {
  Page page(request, options, section);
  page.set_viewer(who);
  page.set_title(page.text(title_key));
  page.set("heading", page.text(title_key));
  page.set("warning_prefix", page.text("accounts.form.warning_prefix"));
  page.set("success_label", page.text("accounts.form.success"));
  page.set("secret_label", page.text("accounts.form.important"));
  return page;
}

PageAccess page_access_with_form(const AccountsContext& context, const Options& options,
                                 const http::Request& request, std::optional<http::Form>& form) {
  if (request.method == "POST") {
    auto parsed = http::Form::parse(request.body);
    if (!parsed) {
      return PageAccess{std::nullopt,
                        page_error(request, options, Error{"invalid_input", "the form could not be read"})};
    }
    form = std::move(*parsed);
  }
  return page_access(context, options, request, form ? &*form : nullptr);
}

http::Response page_error(const http::Request& request, const Options& options, const Error& error) {
  int status = status_for(error);
  if (status == 401) return login_redirect(request);
  return no_store(error_page(request, options, status));
}

std::optional<std::int64_t> parse_record_id(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

bool has_errors(const std::vector<Field>& fields) {
  for (const auto& f : fields) {
    if (!f.error.empty()) return true;
  }
  return false;
}

void attach_error(const Page& page, std::vector<Field>& fields, const Error& error, std::string_view prefix,
                  std::string_view fallback_field) {
  // Validation messages start with the field they are about ("phone may hold ...").
  std::string_view message = error.message;
  std::string_view first_word = message.substr(0, message.find(' '));
  Field* target = nullptr;
  for (auto& f : fields) {
    if (f.name == first_word) target = &f;
  }
  if (!target) {
    for (auto& f : fields) {
      if (f.name == fallback_field) target = &f;
    }
  }
  if (!target) return;
  const auto& catalog = i18n::Catalog::builtin();
  std::string key = std::string(prefix) + "." + target->name;
  target->error = page.text(catalog.has(page.lang(), key) ? key : std::string(prefix) + ".generic");
}

data form_data(const Page& page, std::string_view action, const std::vector<Field>& fields,
               std::string_view csrf_token, std::string_view submit_label) {
  data form;
  form.set("action", std::string(action));
  form.set("csrf_token", std::string(csrf_token));
  form.set("submit", std::string(submit_label));
  form.set("error_prefix", page.text("accounts.form.error_prefix"));
  form.set("summary_title", page.text("accounts.form.error_summary"));
  data list{data::type::list};
  data summary{data::type::list};
  for (const auto& f : fields) {
    data item;
    const std::string id = "f-" + f.name;
    item.set("id", id);
    item.set("name", f.name);
    item.set("label", f.label);
    item.set("type", f.type);
    item.set("value", f.value);
    item.set("has_hint", !f.hint.empty());
    item.set("hint", f.hint);
    item.set("has_error", !f.error.empty());
    item.set("error", f.error);
    item.set("has_autocomplete", !f.autocomplete.empty());
    item.set("autocomplete", f.autocomplete);
    item.set("width_class", f.width_class);
    std::string described;
    if (!f.hint.empty()) described = id + "-hint";
    if (!f.error.empty()) described += (described.empty() ? "" : " ") + id + "-error";
    item.set("has_describedby", !described.empty());
    item.set("describedby", described);
    const bool textarea = f.type == "textarea", select = f.type == "select", radios = f.type == "radios",
               checkboxes = f.type == "checkboxes", readonly = f.type == "readonly";
    item.set("is_input", !textarea && !select && !radios && !checkboxes && !readonly);
    item.set("is_readonly", readonly);
    item.set("is_textarea", textarea);
    item.set("is_select", select);
    item.set("is_radios", radios);
    item.set("is_checkboxes", checkboxes);
    data choices{data::type::list};
    int n = 0;
    for (const auto& c : f.choices) {
      data choice;
      choice.set("choice_id", id + "-" + std::to_string(++n));
      choice.set("choice_name", f.name);
      choice.set("choice_value", c.value);
      choice.set("choice_label", c.label);
      choice.set("choice_selected", c.selected);
      choices.push_back(choice);
    }
    item.set("choices", choices);
    // The error summary links to the first control of the field.
    std::string first_control = (radios || checkboxes) && !f.choices.empty() ? id + "-1" : id;
    if (!f.error.empty()) {
      data entry;
      entry.set("href", "#" + first_control);
      entry.set("text", f.error);
      summary.push_back(entry);
    }
    list.push_back(item);
  }
  form.set("fields", list);
  form.set("has_errors", !summary.is_empty_list());
  form.set("errors", summary);
  return form;
}

data text_cell(std::string text) {
  data cell;
  cell.set("text", std::move(text));
  cell.set("is_plain", true);
  cell.set("is_link", false);
  cell.set("is_button", false);
  return cell;
}

data link_cell(std::string text, std::string href) {
  data cell = text_cell(std::move(text));
  cell.set("href", std::move(href));
  cell.set("is_plain", false);
  cell.set("is_link", true);
  return cell;
}

data button_cell(std::string text, std::string hidden, std::string action, std::string csrf) {
  data cell = text_cell(std::move(text));
  cell.set("hidden", std::move(hidden));
  cell.set("action", std::move(action));
  cell.set("csrf", std::move(csrf));
  cell.set("is_plain", false);
  cell.set("is_button", true);
  return cell;
}

data table_data(std::string caption, const std::vector<std::string>& head, data rows, std::string empty_text) {
  data table;
  table.set("caption", std::move(caption));
  table.set("head", string_list(head));
  table.set("empty", rows.is_empty_list());
  table.set("empty_text", std::move(empty_text));
  table.set("rows", std::move(rows));
  return table;
}

data row_data(std::initializer_list<data> cells) {
  data list{data::type::list};
  for (const auto& c : cells) list.push_back(c);
  data row;
  row.set("cells", list);
  return row;
}

data string_list(const std::vector<std::string>& items) {
  data list{data::type::list};
  for (const auto& i : items) list.push_back(i);
  return list;
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    std::uint32_t n = (static_cast<std::uint8_t>(bytes[i]) << 16) | (static_cast<std::uint8_t>(bytes[i + 1]) << 8) |
                      static_cast<std::uint8_t>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < bytes.size()) {
    std::uint32_t n = static_cast<std::uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<std::uint8_t>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string date_of(std::int64_t micros) {
  if (micros <= 0) return {};
  using namespace std::chrono;
  year_month_day ymd{floor<days>(sys_time<microseconds>(microseconds(micros)))};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

}  // namespace tafel::web
