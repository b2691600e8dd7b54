#include "app/audit/audit_security_log.h"

#include <array>
#include <charconv>
#include <string_view>
#include <utility>

namespace tafel::app::audit {
namespace {

using core::audit::Action;
using core::audit::Outcome;

constexpr std::string_view kAccount = "account";

struct KindMapping {
  std::string_view kind;
  Action action;
  Outcome outcome;
};

constexpr std::array<KindMapping, 21> kKinds{{
    {"login_succeeded", Action::login, Outcome::success},
    {"login_failed", Action::login_failed, Outcome::failed},
    {"login_throttled", Action::login_failed, Outcome::denied},
    {"lockout", Action::lockout, Outcome::success},
    {"second_factor_passed", Action::second_factor, Outcome::success},
    {"second_factor_failed", Action::second_factor, Outcome::failed},
    {"second_factor_enrolled", Action::second_factor, Outcome::success},
    {"recovery_code_used", Action::second_factor, Outcome::success},
    {"logout", Action::logout, Outcome::success},
    {"session_expired", Action::logout, Outcome::success},
    {"password_changed", Action::update, Outcome::success},
    {"password_change_failed", Action::update, Outcome::failed},
    {"user_changed", Action::update, Outcome::success},
    {"user_created", Action::rights_change, Outcome::success},
    {"role_changed", Action::rights_change, Outcome::success},
    {"user_deactivated", Action::rights_change, Outcome::success},
    {"user_reactivated", Action::rights_change, Outcome::success},
    {"password_reset", Action::rights_change, Outcome::success},
    {"credentials_ended", Action::rights_change, Outcome::success},
    {"api_token_created", Action::rights_change, Outcome::success},
    {"api_token_revoked", Action::rights_change, Outcome::success},
}};

std::string id_text(const std::optional<std::int64_t>& id) { return id ? std::to_string(*id) : std::string(); }

std::optional<std::int64_t> parse_id(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

core::audit::Entry security_entry(const accounts::SecurityEvent& event) {
  core::audit::Entry e;
  e.action = Action::update;
  e.outcome = Outcome::success;
  for (const auto& m : kKinds) {
    if (m.kind == event.kind) {
      e.action = m.action;
      e.outcome = m.outcome;
    }
  }
  e.actor = id_text(event.actor);
  e.organisation = id_text(event.organisation);
  e.object_type = std::string(kAccount);
  e.object_id = id_text(event.subject);
  e.rule = event.detail.empty() ? event.kind : event.kind + ":" + event.detail;
  return e;
}

std::optional<accounts::SecurityEvent> security_event_of(const core::audit::Entry& entry) {
  if (entry.object_type != kAccount) return std::nullopt;
  accounts::SecurityEvent event;
  event.id = static_cast<std::int64_t>(entry.seq);
  event.at = Instant{std::chrono::microseconds{entry.time_us}};
  const auto colon = entry.rule.find(':');
  event.kind = entry.rule.substr(0, colon);
  if (colon != std::string::npos) event.detail = entry.rule.substr(colon + 1);
  event.actor = parse_id(entry.actor);
  event.subject = parse_id(entry.object_id);
  event.organisation = parse_id(entry.organisation);
  event.address = entry.source;
  return event;
}

Result<void> AuditSecurityLog::record(const accounts::SecurityEvent& event) {
  auto seq = trail_.record(security_entry(event), Origin{{}, event.address});
  if (!seq) return tl::unexpected(seq.error());
  return {};
}

Result<std::vector<accounts::SecurityEvent>> AuditSecurityLog::recent(
    std::optional<access::OrganisationId> organisation, int limit) {
  AuditFilter filter;
  filter.object_type = std::string(kAccount);
  if (organisation) filter.organisation = std::to_string(*organisation);
  filter.limit = limit > 0 ? static_cast<std::size_t>(limit) : 0;
  std::vector<accounts::SecurityEvent> out;
  if (filter.limit == 0) return out;
  auto entries = reader_.find(filter);
  if (!entries) return tl::unexpected(entries.error());
  for (const auto& e : *entries) {
    if (auto event = security_event_of(e)) out.push_back(std::move(*event));
  }
  return out;
}

}  // namespace tafel::app::audit
