#include "core/sharing/explanation.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace tafel::sharing {
namespace {

std::string categories_arg(CategorySet set) {
  std::string out;
  set.for_each([&](Category c) {
    if (!out.empty()) out += ',';
    out += name_of(c);
  });
  return out;
}

class Builder {
 public:
  Builder(const Policy& policy, const Request& request) : world_(policy.world()), r_(request) {}

  // Arguments every message may use.
  std::vector<MessageArg> base() const {
    std::vector<MessageArg> args{
        {"actor", MessageArg::Kind::text, world_.organisations[r_.actor].id},
        {"recipient", MessageArg::Kind::text, world_.organisations[r_.recipient].id},
        {"categories", MessageArg::Kind::category_list, categories_arg(r_.categories)},
        {"purpose", MessageArg::Kind::purpose, std::string(name_of(r_.purpose))},
    };
    return args;
  }

  Message message(std::string key, std::vector<MessageArg> extra = {}) const {
    Message m{std::move(key), base()};
    for (auto& a : extra) m.args.push_back(std::move(a));
    return m;
  }

  MessageArg text(std::string name, std::string value) const {
    return {std::move(name), MessageArg::Kind::text, std::move(value)};
  }
  std::string consent_id(std::int32_t i) const {
    return i == kNone ? std::string() : world_.consents[static_cast<std::size_t>(i)].id;
  }
  std::string agreement_id(std::int32_t i) const {
    return i == kNone ? std::string() : world_.agreements[static_cast<std::size_t>(i)].id;
  }
  std::string rule_id(std::int32_t a, std::int32_t rule) const {
    if (a == kNone || rule == kNone) return {};
    return world_.agreements[static_cast<std::size_t>(a)].rules[static_cast<std::size_t>(rule)].id;
  }
  std::string table_id(std::optional<TableIndex> t) const { return t ? world_.tables[*t].id : std::string(); }
  const Consent* consent(std::int32_t i) const {
    return i == kNone ? nullptr : &world_.consents[static_cast<std::size_t>(i)];
  }
  const World& world() const { return world_; }
  const Request& request() const { return r_; }

 private:
  const World& world_;
  const Request& r_;
};

// Why one ground failed.
Message reason_message(const Builder& b, const Attempt& a) {
  const Request& r = b.request();
  std::string key = "sharing.reason." + std::string(name_of(a.reason));
  if (a.reason == Reason::not_applicable) key += "." + std::string(name_of(a.ground));
  std::vector<MessageArg> extra{{"ground", MessageArg::Kind::ground, std::string(name_of(a.ground))}};
  switch (a.reason) {
    case Reason::use_restricted:
      extra.push_back(b.text("table", r.origin ? b.table_id(r.origin->table) : std::string()));
      break;
    case Reason::basis_insufficient:
    case Reason::finality_mismatch:
    case Reason::not_a_member:
      extra.push_back(b.text("table", r.context ? b.table_id(r.context->table) : std::string()));
      break;
    case Reason::consent_withdrawn:
    case Reason::consent_expired:
    case Reason::consent_scope:
    case Reason::consent_missing: {
      extra.push_back(b.text("consent", b.consent_id(a.consent)));
      const Consent* c = b.consent(a.consent);
      std::string date;
      if (c && a.reason == Reason::consent_withdrawn) date = format_date(c->withdrawn);
      if (c && a.reason == Reason::consent_expired) date = format_date(c->expires);
      extra.push_back(b.text("date", date));
      if (a.reason == Reason::consent_missing && c) key += ".not_yet_given";
      break;
    }
    case Reason::agreement_not_in_force:
    case Reason::forbidden_by_agreement:
      extra.push_back(b.text("agreement", b.agreement_id(a.agreement)));
      extra.push_back(b.text("rule", b.rule_id(a.agreement, a.rule)));
      break;
    default: break;
  }
  return b.message(std::move(key), std::move(extra));
}

// What would make the disclosure possible on this ground, if anything can.
std::optional<Message> remedy_message(const Builder& b, const Attempt& a) {
  const Request& r = b.request();
  std::vector<MessageArg> extra;
  switch (a.reason) {
    // Facts about the organisations, the person or the law: nothing to obtain.
    case Reason::not_applicable:
    case Reason::recipient_not_bound:
    case Reason::not_prosecutor:
    case Reason::victim_not_vulnerable:
      return std::nullopt;
    case Reason::basis_insufficient:
    case Reason::finality_mismatch:
    case Reason::not_a_member:
    case Reason::use_restricted:
      extra.push_back(b.text("table", r.context && a.reason != Reason::use_restricted
                                          ? b.table_id(r.context->table)
                                          : (r.origin ? b.table_id(r.origin->table) : std::string())));
      break;
    case Reason::agreement_not_in_force:
    case Reason::forbidden_by_agreement:
      extra.push_back(b.text("agreement", b.agreement_id(a.agreement)));
      extra.push_back(b.text("rule", b.rule_id(a.agreement, a.rule)));
      break;
    default: break;
  }
  return b.message("sharing.remedy." + std::string(name_of(a.reason)), std::move(extra));
}

}  // namespace

std::string format_date(Timestamp at) {
  std::int64_t days = at / 86'400'000'000LL;
  if (at % 86'400'000'000LL < 0) --days;
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
  const auto y = static_cast<long long>(static_cast<int>(date.year()));
  const auto m = static_cast<long long>(static_cast<unsigned>(date.month()));
  const auto d = static_cast<long long>(static_cast<unsigned>(date.day()));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", y, m, d);
  return buf;
}

Explanation explain(const Policy& policy, const Request& request, const Decision& decision) {
  const Builder b(policy, request);
  Explanation e;
  e.permit = decision.permit;
  if (decision.permit && decision.ground) {
    std::vector<MessageArg> extra{
        b.text("consent", b.consent_id(decision.consent)),
        b.text("agreement", b.agreement_id(decision.agreement)),
        b.text("rule", b.rule_id(decision.agreement, decision.rule)),
        b.text("table", decision.table == kNone
                            ? std::string()
                            : policy.world().tables[static_cast<std::size_t>(decision.table)].id),
    };
    e.headline = b.message("sharing.permit." + std::string(name_of(*decision.ground)), std::move(extra));
    for (const std::string& o : policy.obligations(decision)) {
      const bool known = parse_term<Obligation>(o).has_value();
      e.obligations.push_back(known ? b.message("sharing.obligation." + o)
                                    : b.message("sharing.obligation.other", {b.text("name", o)}));
    }
    return e;
  }
  e.headline = b.message(decision.use_restricted ? "sharing.deny.use_restricted" : "sharing.deny.headline");
  std::vector<std::string> seen;
  for (const Attempt& a : decision.failed()) {
    e.reasons.push_back(reason_message(b, a));
    if (auto remedy = remedy_message(b, a)) {
      // The same remedy (e.g. "a consent of the person") may follow from two grounds.
      if (std::find(seen.begin(), seen.end(), remedy->key) == seen.end()) {
        seen.push_back(remedy->key);
        e.remedies.push_back(std::move(*remedy));
      }
    }
  }
  return e;
}

}  // namespace tafel::sharing
