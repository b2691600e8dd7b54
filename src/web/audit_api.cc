#include "web/audit_api.h"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>

#include "web/language.h"

namespace tafel::web {
namespace {

namespace json = boost::json;
using app::audit::AuditFilter;
using core::audit::Entry;

constexpr std::size_t kDefaultLimit = 100;
constexpr std::size_t kMaxLimit = 1000;
constexpr const char* kFilterParams[] = {"from", "to", "actor", "organisation", "action", "object_type", "object_id"};

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]" (UTC) as microseconds; with `end_of_day`, a
// bare date means the end of that day (the first microsecond of the next one).
std::optional<std::int64_t> parse_utc(std::string_view text, bool end_of_day) {
  int y = 0;
  unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char tail = 0;
  const std::string copy(text);
  const bool date_only = copy.size() == 10;
  int fields = 0;
  if (date_only) {
    fields = std::sscanf(copy.c_str(), "%4d-%2u-%2u%c", &y, &mo, &d, &tail);
    if (fields != 3) return std::nullopt;
  } else if (copy.size() == 16) {
    fields = std::sscanf(copy.c_str(), "%4d-%2u-%2uT%2u:%2u%c", &y, &mo, &d, &h, &mi, &tail);
    if (fields != 5) return std::nullopt;
  } else if (copy.size() == 19) {
    fields = std::sscanf(copy.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%c", &y, &mo, &d, &h, &mi, &s, &tail);
    if (fields != 6) return std::nullopt;
  } else {
    return std::nullopt;
  }
  const std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month{mo}, std::chrono::day{d}};
  if (!day.ok() || h > 23 || mi > 59 || s > 59 || y < 1970 || y > 9999) return std::nullopt;
  auto t = std::chrono::sys_days{day} + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
  if (date_only && end_of_day) t += std::chrono::days{1};
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

Result<std::string> text_param(const http::Request& request, std::string_view name) {
  auto value = request.query_param(name);
  if (!value) return std::string();
  if (value->size() > core::audit::kMaxFieldBytes) {
    return fail("invalid_input", std::string(name) + " is too long");
  }
  return *value;
}

int status_of(const Error& e) {
  if (e.code == "invalid_input") return 400;
  const int status = status_for(e);
  // Anything else (the audit store failing, shutting down) is the server's fault.
  return status == 400 ? 500 : status;
}

http::Response from_error(const Error& e) {
  // A store error's message may name internals; callers get the code only.
  if (status_of(e) >= 500) return http::Response::error(500, "audit_unavailable", "the audit log is unavailable");
  return http::Response::error(status_of(e), e.code, e.message);
}

json::object entry_json(const Entry& e) {
  return {{"seq", e.seq},
          {"time_us", e.time_us},
          {"time", format_utc(e.time_us) + "Z"},
          {"actor", e.actor},
          {"organisation", e.organisation},
          {"action", core::audit::action_name(e.action)},
          {"object_type", e.object_type},
          {"object_id", e.object_id},
          {"ground", e.ground},
          {"rule", e.rule},
          {"request_id", e.request_id},
          {"source", e.source},
          {"outcome", core::audit::outcome_name(e.outcome)}};
}

std::string csv_field(std::string_view value) {
  std::string out = "\"";
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) out += '\'';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

using Handler = std::function<http::Response(http::Request&, const app::accounts::Authenticated&)>;

// Authenticates (session cookie, or an API token with scope audit:read) and calls
// `handler`; documents the operation.
void add(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
         http::ApiOperation operation, Handler handler) {
  const std::string scope = operation.scope;
  router.add(operation.method, operation.pattern, [context, scope, handler](http::Request& request) {
    auto who = identify(context, request);
    if (!who) return from_error(who.error());
    if (!*who) return http::Response::error(401, "not_authenticated", "log in or send an API token");
    const app::accounts::Authenticated& a = **who;
    if (a.token && std::find(a.token->scopes.begin(), a.token->scopes.end(), scope) == a.token->scopes.end()) {
      return http::Response::error(403, "forbidden", "the API token lacks the scope " + scope);
    }
    http::Response response = handler(request, a);
    response.set_header("Cache-Control", "no-store");
    return response;
  });
  document.add(std::move(operation));
}

}  // namespace

Result<AuditFilter> audit_filter_from(const http::Request& request) {
  AuditFilter filter;
  if (auto from = request.query_param("from"); from && !from->empty()) {
    filter.from_us = parse_utc(*from, false);
    if (!filter.from_us) return fail("invalid_input", "from must be a date YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)");
  }
  if (auto to = request.query_param("to"); to && !to->empty()) {
    filter.to_us = parse_utc(*to, true);
    if (!filter.to_us) return fail("invalid_input", "to must be a date YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)");
  }
  for (auto [name, field] : {std::pair{"actor", &filter.actor}, std::pair{"organisation", &filter.organisation},
                             std::pair{"object_type", &filter.object_type},
                             std::pair{"object_id", &filter.object_id}}) {
    auto value = text_param(request, name);
    if (!value) return tl::unexpected(value.error());
    *field = std::move(*value);
  }
  if (auto action = request.query_param("action"); action && !action->empty()) {
    filter.action = core::audit::parse_action(*action);
    if (!filter.action) return fail("invalid_input", "action is not a known audit action");
  }
  if (auto before = request.query_param("before"); before && !before->empty()) {
    auto seq = parse_integer(*before);
    if (!seq || *seq < 1) return fail("invalid_input", "before must be a sequence number");
    filter.before_seq = static_cast<std::uint64_t>(*seq);
  }
  filter.limit = kDefaultLimit;
  if (auto limit = request.query_param("limit"); limit && !limit->empty()) {
    auto n = parse_integer(*limit);
    if (!n || *n < 1 || *n > static_cast<std::int64_t>(kMaxLimit)) {
      return fail("invalid_input", "limit must be between 1 and 1000");
    }
    filter.limit = static_cast<std::size_t>(*n);
  }
  return filter;
}

std::string audit_filter_query(const http::Request& request) {
  std::string out;
  for (const char* name : kFilterParams) {
    auto value = request.query_param(name);
    if (!value || value->empty()) continue;
    if (!out.empty()) out += '&';
    out += std::string(name) + "=" + url_encode(*value);
  }
  return out;
}

std::string format_utc(std::int64_t time_us) {
  using namespace std::chrono;
  const sys_time<microseconds> t{microseconds{time_us}};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> clock_time{floor<seconds>(t - day)};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02lld:%02lld:%02lld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long long>(clock_time.hours().count()),
                static_cast<long long>(clock_time.minutes().count()),
                static_cast<long long>(clock_time.seconds().count()));
  return buffer;
}

std::string audit_csv(const std::vector<Entry>& entries) {
  std::string out =
      "seq,time_utc,actor,organisation,action,object_type,object_id,ground,rule,outcome,request_id,source\r\n";
  for (const auto& e : entries) {
    const std::string fields[] = {std::to_string(e.seq),
                                  format_utc(e.time_us),
                                  e.actor,
                                  e.organisation,
                                  std::string(core::audit::action_name(e.action)),
                                  e.object_type,
                                  e.object_id,
                                  e.ground,
                                  e.rule,
                                  std::string(core::audit::outcome_name(e.outcome)),
                                  e.request_id,
                                  e.source};
    for (std::size_t i = 0; i < std::size(fields); ++i) {
      if (i > 0) out += ',';
      out += csv_field(fields[i]);
    }
    out += "\r\n";
  }
  return out;
}

void register_audit_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                        app::audit::AuditViews& views) {
  const std::vector<http::QueryParameter> filter_params = {"from",        "to",        "actor",  "organisation", "action",
                                                  "object_type", "object_id", "before", "limit"};
  add(router, document, context,
      {"GET", "/api/v1/audit/entries", "audit",
       "Audit entries matching a filter, newest first (DPO: all; organisation admin: own organisation's users)",
       "audit:read", filter_params, ""},
      [&views](http::Request& request, const app::accounts::Authenticated& who) {
        auto filter = audit_filter_from(request);
        if (!filter) return from_error(filter.error());
        const std::size_t limit = filter->limit;
        auto entries = views.entries(who.principal, *filter, audit_origin(request));
        if (!entries) return from_error(entries.error());
        json::array list;
        for (const auto& e : *entries) list.push_back(entry_json(e));
        json::object body{{"entries", std::move(list)}};
        // A full page may have older entries: `next_before` continues with them.
        body["next_before"] = entries->size() == limit && !entries->empty() ? json::value(entries->back().seq)
                                                                           : json::value(nullptr);
        return http::Response::json(200, json::serialize(body));
      });

  add(router, document, context,
      {"GET", "/api/v1/audit/persons/{id}/report", "audit",
       "Access report of one person (GDPR art. 15): which organisations accessed their data, when, on which ground "
       "(DPO)",
       "audit:read", {}, ""},
      [&views](http::Request& request, const app::accounts::Authenticated& who) {
        auto report = views.access_report(who.principal, request.param("id"), audit_origin(request));
        if (!report) return from_error(report.error());
        json::array organisations;
        for (const auto& o : report->organisations) {
          json::array grounds;
          for (const auto& g : o.grounds) grounds.emplace_back(g);
          organisations.push_back(json::object{{"organisation", o.organisation},
                                               {"accesses", o.count},
                                               {"first", format_utc(o.first_us) + "Z"},
                                               {"last", format_utc(o.last_us) + "Z"},
                                               {"grounds", std::move(grounds)}});
        }
        json::array entries;
        for (const auto& e : report->entries) entries.push_back(entry_json(e));
        json::object body{{"person", report->person_id},
                          {"organisations", std::move(organisations)},
                          {"entries", std::move(entries)},
                          {"truncated", report->truncated}};
        return http::Response::json(200, json::serialize(body));
      });

  add(router, document, context,
      http::with_types({"GET", "/api/v1/audit/export", "audit", "CSV of the audit entries matching a filter, oldest first (DPO)",
                        "audit:read", {"from", "to", "actor", "organisation", "action", "object_type", "object_id"}, ""},
                       "", "text/csv"),
      [&views](http::Request& request, const app::accounts::Authenticated& who) {
        auto filter = audit_filter_from(request);
        if (!filter) return from_error(filter.error());
        auto entries = views.export_entries(who.principal, *filter, audit_origin(request));
        if (!entries) return from_error(entries.error());
        http::Response response = http::Response::text(200, audit_csv(*entries));
        response.set_header("Content-Type", "text/csv; charset=utf-8");
        response.set_header("Content-Disposition", "attachment; filename=\"tafel-audit.csv\"");
        return response;
      });
}

}  // namespace tafel::web
