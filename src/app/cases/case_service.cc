#include "app/cases/case_service.h"

#include <algorithm>
#include <map>

#include "app/authorization.h"
#include "app/cases/identity_disclosure.h"
#include "core/situations/identifier_detector.h"

namespace tafel::app::cases {

using namespace tafel::cases;
using core::audit::Action;

namespace {

std::int64_t micros(Instant t) { return t.time_since_epoch().count(); }

Result<void> too_long(const std::string& text, std::size_t max, const char* field) {
  if (text.size() > max) return fail("invalid_input", std::string(field) + " is too long");
  return {};
}

bool is_date(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  int month = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// The caller is a delegate of `table` for their own organisation.
bool is_delegate(const tafel::tables::Table& table, const access::Principal& who) {
  const auto* d = table.delegate(who.user_id);
  return d != nullptr && d->organisation == who.organisation_id;
}

}  // namespace

Result<Identity> checked_identity(Identity id) {
  if (auto ok = too_long(id.name, 200, "name"); !ok) return tl::unexpected(ok.error());
  if (auto ok = too_long(id.address, 400, "address"); !ok) return tl::unexpected(ok.error());
  if (auto ok = too_long(id.details, 4000, "details"); !ok) return tl::unexpected(ok.error());
  if (!id.birth_date.empty() && !is_date(id.birth_date)) {
    return fail("invalid_input", "birth_date must be a date, YYYY-MM-DD");
  }
  if (!id.national_number.empty()) {
    std::string digits;
    for (char ch : id.national_number) {
      if (ch >= '0' && ch <= '9') {
        digits += ch;
      } else if (ch != '.' && ch != '-' && ch != ' ') {
        return fail("invalid_input", "national_number: only digits, dots, dashes and spaces");
      }
    }
    if (digits.size() != 11 || !tafel::situations::is_national_number(digits)) {
      return fail("invalid_input", "national_number fails its check digits");
    }
    id.national_number = digits;
  }
  return id;
}

CaseSummary summary_of(const Case& c) {
  return CaseSummary{c.id, c.table_id, c.open(), c.minor, c.vulnerable, c.organisations_on(Track::care),
                     c.organisations_on(Track::safety)};
}

CaseService::CaseService(CaseStore& store, tables::TableStore& tables, const IdentityCipher& cipher,
                         audit::AuditTrail& audit, const Clock& clock, UnitOfWork& transactions)
    : store_(store), tables_(tables), cipher_(cipher), audit_(audit), clock_(clock), transactions_(transactions) {}

Result<CaseStanding> CaseService::standing(const access::Principal& who, const Case& c) {
  auto table = tables_.find(c.table_id);
  if (!table) return tl::unexpected(table.error());
  bool delegate = *table && is_delegate(**table, who);
  bool open = *table && (*table)->cases_open();
  return standing_for(who, c, delegate, open);
}

Result<std::optional<CaseService::Loaded>> CaseService::load(const access::Principal& who, std::int64_t id) {
  auto found = store_.find(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return std::optional<Loaded>();
  auto s = standing(who, **found);
  if (!s) return tl::unexpected(s.error());
  return std::optional<Loaded>(Loaded{std::move(**found), *s});
}

Result<void> CaseService::audit(const Caller& caller, Action action, const std::string& object_type,
                                std::int64_t id, core::audit::Outcome outcome, const std::string& ground,
                                const std::string& rule) {
  core::audit::Entry e;
  e.actor = caller.principal.user_id ? std::to_string(caller.principal.user_id) : "";
  e.organisation = std::to_string(caller.principal.organisation_id);
  e.action = action;
  e.object_type = object_type;
  e.object_id = std::to_string(id);
  e.outcome = outcome;
  e.ground = ground;
  e.rule = rule;
  auto recorded = audit_.record(std::move(e), caller.origin);
  if (!recorded) return tl::unexpected(recorded.error());
  return {};
}

bool CaseService::may(const Caller& caller, const Case& c, CaseRight right) {
  auto s = standing(caller.principal, c);
  return s && authorise(caller.principal, right, *s).allowed;
}

bool CaseService::may_open_at(const Caller& caller, std::int64_t table_id) {
  auto table = tables_.find(table_id);
  if (!table || !*table) return false;
  CaseStanding s{is_delegate(**table, caller.principal), false, (*table)->cases_open(), true};
  return authorise(caller.principal, CaseRight::open_case, s).allowed;
}

Result<Case> CaseService::open_case(const Caller& caller, std::int64_t table_id, CaseDraft draft) {
  auto table = tables_.find(table_id);
  if (!table) return tl::unexpected(table.error());
  if (!*table) return fail("not_found", "no such table");
  CaseStanding s{is_delegate(**table, caller.principal), false, (*table)->cases_open(), true};
  if (auto ok = authorize(caller.principal, CaseRight::open_case, s); !ok) return tl::unexpected(ok.error());
  Case c;
  c.table_id = table_id;
  c.opened_by_organisation = caller.principal.organisation_id;
  c.opened_by_user = caller.principal.user_id;
  c.opened_at_us = micros(clock_.now());
  c.minor = draft.minor;
  c.vulnerable = draft.vulnerable;
  c.tracks = normalised(std::move(draft.tracks));
  for (const auto& m : c.tracks) {
    if (!(*table)->is_member(m.organisation)) {
      return fail("invalid_input", "an organisation on a track does not sit at the table");
    }
  }
  if (!c.involves(caller.principal.organisation_id)) {
    return fail("invalid_input", "your own organisation must be on the care or safety track");
  }
  if (auto ok = check_case(c); !ok) return tl::unexpected(ok.error());
  auto identity = checked_identity(std::move(draft.identity));
  if (!identity) return tl::unexpected(identity.error());
  return transactions_.run_returning<Case>([&]() -> Result<Case> {
    auto stored = store_.insert(c, [&](std::int64_t id) { return cipher_.seal(id, *identity); });
    if (!stored) return stored;
    if (auto ok = audit(caller, Action::create, "case", stored->id); !ok) return tl::unexpected(ok.error());
    return stored;
  });
}

Result<std::vector<Case>> CaseService::cases_at(const Caller& caller, std::int64_t table_id) {
  auto table = tables_.find(table_id);
  if (!table) return tl::unexpected(table.error());
  if (!*table) return fail("not_found", "no such table");
  // The list itself: platform admins and the table's member organisations, never
  // observers (they see nothing of a case).
  const access::Principal& p = caller.principal;
  CaseStanding listing{true, (*table)->is_member(p.organisation_id), true, true};
  if (auto ok = authorize(p, CaseRight::view_case, listing); !ok) return tl::unexpected(ok.error());
  bool delegate = is_delegate(**table, caller.principal);
  auto all = store_.list(table_id);
  if (!all) return tl::unexpected(all.error());
  std::vector<Case> out;
  for (auto& c : *all) {
    if (authorise(caller.principal, CaseRight::view_case, standing_for(caller.principal, c, delegate,
                                                                       (*table)->cases_open()))
            .allowed) {
      out.push_back(std::move(c));
    }
  }
  return out;
}

Result<Case> CaseService::summary(const Caller& caller, std::int64_t id) {
  auto loaded = load(caller.principal, id);
  if (!loaded) return tl::unexpected(loaded.error());
  if (!*loaded) return fail("not_found", "no such case");
  if (auto ok = authorize(caller.principal, CaseRight::view_case, (*loaded)->standing); !ok) {
    return tl::unexpected(ok.error());
  }
  return std::move((*loaded)->c);
}

Result<Identity> CaseService::identity(const Caller& caller, std::int64_t id, sharing::Explanation* refusal) {
  auto c = summary(caller, id);
  if (!c) return tl::unexpected(c.error());
  auto s = standing(caller.principal, *c);
  if (!s) return tl::unexpected(s.error());
  if (auto ok = authorize(caller.principal, CaseRight::view_identity, *s); !ok) return tl::unexpected(ok.error());
  std::string ground, rule;
  if (caller.principal.organisation_id != c->opened_by_organisation) {
    if (!world_) return fail("sharing_unavailable", "the sharing world is not available");
    auto world = world_->current();
    if (!world) return tl::unexpected(world.error());
    auto table = tables_.find(c->table_id);
    if (!table) return tl::unexpected(table.error());
    auto d = decide_identity_disclosure(**world, *c, *table ? &**table : nullptr, caller.principal.organisation_id,
                                        micros(clock_.now()));
    if (!d.permit) {
      if (auto ok = audit(caller, Action::view, "case", id, core::audit::Outcome::denied); !ok) {
        return tl::unexpected(ok.error());
      }
      if (refusal) *refusal = std::move(d.explanation);
      std::string why;
      for (const auto& reason : d.reasons) why += (why.empty() ? "" : ", ") + reason;
      return fail("sharing_denied", "the sharing engine refused the identity to your organisation: " + why);
    }
    ground = d.ground;
    rule = d.rule;
  }
  auto sealed = store_.identity(id);
  if (!sealed) return tl::unexpected(sealed.error());
  if (!*sealed) return fail("not_found", "no such case");
  auto opened = cipher_.open(id, **sealed);
  if (!opened) return opened;
  // The read is recorded before the identity is handed out; no entry, no identity.
  if (auto ok = audit(caller, Action::view, "case", id, core::audit::Outcome::success, ground, rule); !ok) {
    return tl::unexpected(ok.error());
  }
  return opened;
}

Result<void> CaseService::set_identity(const Caller& caller, std::int64_t id, Identity identity) {
  auto c = summary(caller, id);
  if (!c) return tl::unexpected(c.error());
  auto s = standing(caller.principal, *c);
  if (!s) return tl::unexpected(s.error());
  if (auto ok = authorize(caller.principal, CaseRight::edit_identity, *s); !ok) return tl::unexpected(ok.error());
  auto checked = checked_identity(std::move(identity));
  if (!checked) return tl::unexpected(checked.error());
  auto sealed = cipher_.seal(id, *checked);
  if (!sealed) return tl::unexpected(sealed.error());
  return transactions_.run([&]() -> Result<void> {
    if (auto ok = store_.set_identity(id, *sealed); !ok) return ok;
    return audit(caller, Action::update, "case", id);
  });
}

Result<Case> CaseService::change(const Caller& caller, std::int64_t id, CaseRight right, const std::string& what,
                                 const std::function<Result<void>(Case&)>& f) {
  auto c = summary(caller, id);
  if (!c) return tl::unexpected(c.error());
  auto s = standing(caller.principal, *c);
  if (!s) return tl::unexpected(s.error());
  if (auto ok = authorize(caller.principal, right, *s); !ok) return tl::unexpected(ok.error());
  if (auto ok = f(*c); !ok) return tl::unexpected(ok.error());
  auto saved = transactions_.run([&]() -> Result<void> {
    if (auto ok = store_.update(*c); !ok) return ok;
    return audit(caller, Action::update, what, id);
  });
  if (!saved) return tl::unexpected(saved.error());
  return c;
}

Result<Case> CaseService::record_informed(const Caller& caller, std::int64_t id, Informed informed) {
  return change(caller, id, CaseRight::manage_case, "case_informed", [&](Case& c) -> Result<void> {
    if (informed == Informed::not_recorded) return fail("invalid_input", "choose yes or a reason for no");
    c.informed = informed;
    c.informed_by = caller.principal.user_id;
    c.informed_at_us = micros(clock_.now());
    return {};
  });
}

Result<Case> CaseService::close(const Caller& caller, std::int64_t id) {
  return change(caller, id, CaseRight::manage_case, "case_closed", [&](Case& c) -> Result<void> {
    if (!c.open()) return fail("invalid_state", "the case is already closed");
    c.closed_at_us = std::max<std::int64_t>(1, micros(clock_.now()));
    return {};
  });
}

Result<CasePage> CaseService::cases_for(const Caller& caller, std::optional<std::int64_t> before, std::size_t limit) {
  if (auto ok = authorize(caller.principal, CaseRight::view_case, CaseStanding{true, true, true, true}); !ok) {
    return tl::unexpected(ok.error());
  }
  if (limit == 0 || limit > CasePage::kMaxSize) return fail("invalid_input", "limit must be between 1 and 1000");
  const auto& who = caller.principal;
  auto involving = who.role == access::Role::platform_admin ? std::nullopt : std::optional(who.organisation_id);
  // One more than asked says whether a next page exists without a second query.
  auto read = store_.list_page(involving, before, limit + 1);
  if (!read) return tl::unexpected(read.error());
  CasePage page;
  if (read->size() > limit) {
    read->resize(limit);
    page.next = read->back().id;
  }
  auto seen = seen_by(who, *read);
  if (!seen) return tl::unexpected(seen.error());
  page.cases = std::move(*seen);
  return page;
}

Result<std::optional<CaseSummary>> CaseService::visible(const access::Principal& who, std::int64_t case_id) {
  auto loaded = load(who, case_id);
  if (!loaded) return tl::unexpected(loaded.error());
  if (!*loaded || !authorise(who, CaseRight::view_case, (*loaded)->standing).allowed) {
    return std::optional<CaseSummary>();
  }
  return std::optional<CaseSummary>(summary_of((*loaded)->c));
}

Result<std::vector<CaseSummary>> CaseService::visible_cases(const access::Principal& who) {
  // A case is seen only by organisations on one of its tracks (and platform
  // admins): read those, not every case in the country.
  auto read = who.role == access::Role::platform_admin ? store_.list_page(std::nullopt, std::nullopt, kAdminPickerCases)
                                                       : store_.list_involving(who.organisation_id);
  if (!read) return tl::unexpected(read.error());
  return seen_by(who, *read);
}

Result<std::vector<CaseSummary>> CaseService::seen_by(const access::Principal& who, const std::vector<Case>& read) {
  std::map<std::int64_t, std::pair<bool, bool>> tables;  // table id -> (delegate, cases open)
  std::vector<CaseSummary> out;
  for (const auto& c : read) {
    auto it = tables.find(c.table_id);
    if (it == tables.end()) {
      auto table = tables_.find(c.table_id);
      if (!table) return tl::unexpected(table.error());
      bool delegate = *table && is_delegate(**table, who), open = *table && (*table)->cases_open();
      it = tables.emplace(c.table_id, std::make_pair(delegate, open)).first;
    }
    if (authorise(who, CaseRight::view_case, standing_for(who, c, it->second.first, it->second.second)).allowed) {
      out.push_back(summary_of(c));
    }
  }
  return out;
}

Result<std::vector<CaseSummary>> CaseService::all() {
  auto all = store_.list(std::nullopt);
  if (!all) return tl::unexpected(all.error());
  std::vector<CaseSummary> out;
  for (const auto& c : *all) out.push_back(summary_of(c));
  return out;
}

Result<int> CaseService::adopt_case_details() {
  auto tables = tables_.list(std::nullopt);
  if (!tables) return tl::unexpected(tables.error());
  int made = 0;
  for (auto& table : *tables) {
    bool any = false;
    for (const auto& m : table.meetings) {
      for (const auto& item : m.agenda) any = any || !item.legacy_case_details.empty();
    }
    if (!any) continue;
    // One transaction per table: its new cases, their audit entries and the cleaned
    // document commit together, so a crash leaves the details either here or there.
    auto done = transactions_.run([&]() -> Result<void> {
      for (auto& m : table.meetings) {
        for (auto& item : m.agenda) {
          if (item.legacy_case_details.empty()) continue;
          Case c;
          c.table_id = table.id;
          c.opened_by_organisation = item.owner_organisation;
          c.opened_at_us = micros(clock_.now());
          for (auto org : table.members) c.tracks.push_back({org, Track::care});
          c.tracks = normalised(std::move(c.tracks));
          Identity identity;
          identity.details = item.legacy_case_details;
          auto stored = store_.insert(c, [&](std::int64_t id) { return cipher_.seal(id, identity); });
          if (!stored) return tl::unexpected(stored.error());
          Caller system{access::Principal{0, item.owner_organisation, access::Role::platform_admin, true}, {}};
          if (auto ok = audit(system, Action::create, "case", stored->id); !ok) return ok;
          item.case_id = stored->id;
          item.legacy_case_details.clear();
          ++made;
        }
      }
      auto saved = tables_.update(table);
      if (!saved) return tl::unexpected(saved.error());
      return {};
    });
    if (!done) return tl::unexpected(done.error());
  }
  return made;
}

}  // namespace tafel::app::cases
