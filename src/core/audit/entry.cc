#include "core/audit/entry.h"

#include <array>
#include <utility>

namespace tafel::core::audit {
namespace {

constexpr std::array<std::pair<Action, std::string_view>, 18> kActions{{
    {Action::login, "login"},
    {Action::login_failed, "login_failed"},
    {Action::logout, "logout"},
    {Action::view, "view"},
    {Action::search, "search"},
    {Action::create, "create"},
    {Action::update, "update"},
    {Action::remove, "delete"},
    {Action::export_data, "export"},
    {Action::sharing_decision, "sharing_decision"},
    {Action::agreement_signature, "agreement_signature"},
    {Action::rights_change, "rights_change"},
    {Action::audit_verify, "audit_verify"},
    {Action::audit_export, "audit_export"},
    {Action::lockout, "lockout"},
    {Action::second_factor, "second_factor"},
    {Action::acknowledge, "acknowledge"},
    {Action::sign, "sign"},
}};

constexpr std::array<std::pair<Outcome, std::string_view>, 3> kOutcomes{{
    {Outcome::success, "success"},
    {Outcome::denied, "denied"},
    {Outcome::failed, "failed"},
}};

void put_u64(std::string& out, std::uint64_t v) {
  char bytes[8];
  for (int i = 7; i >= 0; --i, v >>= 8) bytes[i] = static_cast<char>(v & 0xff);
  out.append(bytes, sizeof bytes);
}

void put_text(std::string& out, std::string_view text) {
  auto n = static_cast<std::uint32_t>(text.size());
  char length[4];
  for (int i = 3; i >= 0; --i, n >>= 8) length[i] = static_cast<char>(n & 0xff);
  out.append(length, sizeof length);
  out.append(text);
}

Result<void> check_field(std::string_view name, std::string_view value) {
  if (value.size() > kMaxFieldBytes) {
    return fail("invalid_audit_entry", std::string(name) + " is longer than 256 bytes");
  }
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return fail("invalid_audit_entry", std::string(name) + " contains a control character");
  }
  return {};
}

}  // namespace

std::string_view action_name(Action action) {
  for (const auto& [a, name] : kActions) {
    if (a == action) return name;
  }
  return "unknown";
}

std::optional<Action> parse_action(std::string_view name) {
  for (const auto& [a, n] : kActions) {
    if (n == name) return a;
  }
  return std::nullopt;
}

std::string_view outcome_name(Outcome outcome) {
  for (const auto& [o, name] : kOutcomes) {
    if (o == outcome) return name;
  }
  return "unknown";
}

std::optional<Outcome> parse_outcome(std::string_view name) {
  for (const auto& [o, n] : kOutcomes) {
    if (n == name) return o;
  }
  return std::nullopt;
}

Result<void> validate(const Entry& e) {
  const std::pair<std::string_view, const std::string*> fields[] = {
      {"actor", &e.actor},           {"organisation", &e.organisation}, {"object_type", &e.object_type},
      {"object_id", &e.object_id},   {"ground", &e.ground},             {"rule", &e.rule},
      {"request_id", &e.request_id}, {"source", &e.source},
  };
  for (const auto& [name, value] : fields) {
    if (auto r = check_field(name, *value); !r) return r;
  }
  return {};
}

std::string canonical_bytes(const Entry& e) {
  std::string out;
  canonical_bytes_into(e, out);
  return out;
}

void canonical_bytes_into(const Entry& e, std::string& out) {
  out.clear();
  out.reserve(160 + e.actor.size() + e.organisation.size() + e.object_type.size() + e.object_id.size() +
              e.ground.size() + e.rule.size() + e.request_id.size() + e.source.size());
  out.append("tafel-audit-1");
  put_u64(out, e.seq);
  put_u64(out, static_cast<std::uint64_t>(e.time_us));
  put_text(out, e.actor);
  put_text(out, e.organisation);
  put_text(out, action_name(e.action));
  put_text(out, e.object_type);
  put_text(out, e.object_id);
  put_text(out, e.ground);
  put_text(out, e.rule);
  put_text(out, e.request_id);
  put_text(out, e.source);
  put_text(out, outcome_name(e.outcome));
}

}  // namespace tafel::core::audit
