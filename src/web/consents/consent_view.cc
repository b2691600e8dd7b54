#include "web/consents/consent_view.h"

#include <chrono>
#include <cstdio>

#include "web/account_pages_support.h"

namespace tafel::web::consents {

using namespace tafel::consents;

namespace {
constexpr sharing::Timestamp kMicrosPerDay = 24LL * 3600 * 1000000;

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}
}  // namespace

app::consents::Caller caller_of(const http::Request& request, const app::accounts::Authenticated& who) {
  return app::consents::Caller{who.principal, audit_origin(request)};
}

std::optional<sharing::Timestamp> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  y = std::stoi(std::string(text.substr(0, 4)));
  m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok() || y < 1970) return std::nullopt;
  auto days = std::chrono::sys_days{ymd}.time_since_epoch().count();
  return static_cast<sharing::Timestamp>(days) * kMicrosPerDay;
}

std::string iso_date(sharing::Timestamp at) {
  std::chrono::sys_days day{std::chrono::days{at / kMicrosPerDay}};
  std::chrono::year_month_day ymd{day};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return out;
}

std::optional<sharing::Timestamp> end_after_last_day(std::string_view text) {
  auto day = parse_date(text);
  if (!day) return std::nullopt;
  return *day + kMicrosPerDay;
}

std::string last_day(sharing::Timestamp valid_until) {
  if (valid_until == kNever) return "";
  return iso_date(valid_until - 1);
}

std::string date_text(sharing::Timestamp at) {
  std::string iso = iso_date(at);
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::map<access::OrganisationId, std::string> organisation_names(const Ctx& ctx, const access::Principal& who) {
  std::map<access::OrganisationId, std::string> out;
  if (auto orgs = ctx.accounts.directory->organisations(who)) {
    for (const auto& o : *orgs) out[o.id] = o.name;
  }
  return out;
}

std::string state_label(const Page& page, State state) {
  return page.text("consents.state." + std::string(short_name_of(state)));
}

std::string recipient_label(const Page& page, const Recipient& r,
                            const std::function<std::string(access::OrganisationId)>& organisation_name) {
  switch (r.kind) {
    case Recipient::Kind::organisation: return organisation_name(r.organisation);
    case Recipient::Kind::sector:
      return page.text("consents.recipient.sector", {{"sector", page.text("directory.sector." +
                                                                          std::string(sharing::name_of(r.sector)))}});
    case Recipient::Kind::any: return page.text("consents.recipient.any");
  }
  return "";
}

std::string recipients_label(const Page& page, const std::vector<Recipient>& recipients,
                             const std::function<std::string(access::OrganisationId)>& organisation_name) {
  std::vector<std::string> parts;
  for (const auto& r : recipients) parts.push_back(recipient_label(page, r, organisation_name));
  return joined(parts);
}

std::string categories_label(const Page& page, sharing::CategorySet categories) {
  std::vector<std::string> parts;
  categories.for_each([&](sharing::Category c) { parts.push_back(page.text("sharing.category." + std::string(sharing::name_of(c)))); });
  return joined(parts);
}

std::string purposes_label(const Page& page, sharing::PurposeSet purposes) {
  std::vector<std::string> parts;
  purposes.for_each([&](sharing::Purpose p) { parts.push_back(page.text("sharing.purpose." + std::string(sharing::name_of(p)))); });
  return joined(parts);
}

std::string period_label(const Page& page, const Consent& c) {
  if (c.valid_until == kNever) return page.text("consents.period.open", {{"from", date_text(c.valid_from)}});
  return page.text("consents.period.range",
                   {{"from", date_text(c.valid_from)}, {"until", date_text(c.valid_until - 1)}});
}

std::string problem_text(const Page& page, const Error& e) {
  static constexpr std::string_view kKnown[] = {
      "invalid_input",     "invalid_transition", "evidence_required", "evidence_type", "evidence_too_large",
      "evidence_empty",    "giver_not_allowed",  "minor_age_required", "minor_too_young", "conflict",
      "forbidden",         "not_found"};
  for (auto k : kKnown) {
    if (e.code == k) return page.text("consents.error." + e.code);
  }
  return page.text("consents.error.other");
}

std::optional<Multipart> parse_multipart(std::string_view content_type, std::string_view body) {
  if (!content_type.starts_with("multipart/form-data")) return std::nullopt;
  auto b = content_type.find("boundary=");
  if (b == std::string_view::npos) return std::nullopt;
  std::string_view boundary_value = content_type.substr(b + 9);
  if (auto semi = boundary_value.find(';'); semi != std::string_view::npos) boundary_value = boundary_value.substr(0, semi);
  if (boundary_value.size() >= 2 && boundary_value.front() == '"' && boundary_value.back() == '"') {
    boundary_value = boundary_value.substr(1, boundary_value.size() - 2);
  }
  if (boundary_value.empty() || boundary_value.size() > 70) return std::nullopt;
  std::string delimiter = "--" + std::string(boundary_value);
  Multipart out;
  std::size_t at = body.find(delimiter);
  if (at == std::string_view::npos) return std::nullopt;
  while (true) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") return out;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return std::nullopt;
    at += 2;
    std::size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos) return std::nullopt;
    std::string_view headers = body.substr(at, headers_end - at);
    std::size_t content = headers_end + 4;
    std::size_t next = body.find("\r\n" + delimiter, content);
    if (next == std::string_view::npos) return std::nullopt;
    std::string_view value = body.substr(content, next - content);
    // The field name from Content-Disposition: form-data; name="..."
    std::string name;
    // " name=" and not "filename=": the space keeps the two apart.
    if (auto n = headers.find(" name=\""); n != std::string_view::npos) {
      auto end = headers.find('"', n + 7);
      if (end == std::string_view::npos) return std::nullopt;
      name = std::string(headers.substr(n + 7, end - n - 7));
    }
    bool is_file = headers.find("filename=") != std::string_view::npos;
    if (name == "file" && is_file) {
      if (out.file.empty()) out.file = std::string(value);
    } else if (!name.empty() && !is_file) {
      out.fields.emplace(name, std::string(value));
    }
    at = next + 2;
  }
}

}  // namespace tafel::web::consents
