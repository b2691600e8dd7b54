#include "app/audit/audit_views.h"

#include <algorithm>
#include <charconv>

#include "app/authorization.h"

namespace tafel::app::audit {
namespace {

std::optional<access::OrganisationId> organisation_of(const std::string& text) {
  if (text.empty()) return std::nullopt;
  access::OrganisationId id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  // Not an id: no organisation can own it, so only an all-seeing role may ask.
  if (ec != std::errc() || end != text.data() + text.size()) return -1;
  return id;
}

}  // namespace

Result<void> AuditViews::record_look(const access::Principal& who, core::audit::Action action,
                                     std::string object_type, std::string object_id, const Origin& origin) {
  core::audit::Entry e;
  e.actor = std::to_string(who.user_id);
  e.organisation = std::to_string(who.organisation_id);
  e.action = action;
  e.object_type = std::move(object_type);
  e.object_id = std::move(object_id);
  auto seq = trail_.record(std::move(e), origin);
  if (!seq) return tl::unexpected(seq.error());
  return {};
}

Result<std::vector<core::audit::Entry>> AuditViews::entries(const access::Principal& who, AuditFilter filter,
                                                            const Origin& origin) {
  // An organisation admin who names no organisation means their own.
  if (who.role == access::Role::organisation_admin && filter.organisation.empty()) {
    filter.organisation = std::to_string(who.organisation_id);
  }
  if (auto allowed = authorize(who, access::Action::view_audit_log, {organisation_of(filter.organisation), {}});
      !allowed) {
    return tl::unexpected(allowed.error());
  }
  if (auto r = record_look(who, core::audit::Action::view, "audit_log", "", origin); !r) {
    return tl::unexpected(r.error());
  }
  return reader_.find(filter);
}

Result<AccessReport> AuditViews::access_report(const access::Principal& who, const std::string& person_id,
                                               const Origin& origin) {
  if (auto allowed = authorize(who, access::Action::view_access_report); !allowed) {
    return tl::unexpected(allowed.error());
  }
  if (person_id.empty() || person_id.size() > core::audit::kMaxFieldBytes) {
    return fail("invalid_input", "a person id is required");
  }
  // The log holds the pseudonym; a pseudonym followed from the log is used as is.
  const bool already = person_id.starts_with(kPersonPseudonymPrefix);
  const std::string pseudonym = already ? person_id : pseudonym_(person_id);
  if (auto r = record_look(who, core::audit::Action::view, "access_report", pseudonym, origin); !r) {
    return tl::unexpected(r.error());
  }
  AuditFilter filter;
  filter.object_type = "person";
  filter.object_id = pseudonym;
  filter.limit = kMaxAuditPage;
  auto found = reader_.find(filter);
  if (!found) return tl::unexpected(found.error());
  if (!already) {
    // Entries written before person ids were pseudonymised hold the id as typed.
    filter.object_id = person_id;
    auto legacy = reader_.find(filter);
    if (!legacy) return tl::unexpected(legacy.error());
    found->insert(found->end(), legacy->begin(), legacy->end());
    std::sort(found->begin(), found->end(), [](const auto& a, const auto& b) { return a.seq > b.seq; });
    if (found->size() > kMaxAuditPage) found->resize(kMaxAuditPage);
  }

  AccessReport report;
  report.person_id = person_id;
  report.truncated = found->size() >= kMaxAuditPage;
  std::map<std::string, OrganisationAccess> by_organisation;
  for (const auto& e : *found) {
    OrganisationAccess& o = by_organisation[e.organisation];
    if (o.count == 0) {
      o.organisation = e.organisation;
      o.first_us = o.last_us = e.time_us;
    }
    ++o.count;
    o.first_us = std::min(o.first_us, e.time_us);
    o.last_us = std::max(o.last_us, e.time_us);
    if (!e.ground.empty()) o.grounds.insert(e.ground);
  }
  for (auto& [id, access] : by_organisation) report.organisations.push_back(std::move(access));
  report.entries = std::move(*found);
  return report;
}

Result<std::vector<core::audit::Entry>> AuditViews::export_entries(const access::Principal& who, AuditFilter filter,
                                                                   const Origin& origin, std::size_t max_entries) {
  if (auto allowed = authorize(who, access::Action::export_audit_log); !allowed) {
    return tl::unexpected(allowed.error());
  }
  if (auto r = record_look(who, core::audit::Action::export_data, "audit_log", "", origin); !r) {
    return tl::unexpected(r.error());
  }
  std::vector<core::audit::Entry> out;
  filter.oldest_first = true;
  filter.before_seq = 0;
  while (out.size() < max_entries) {
    filter.limit = std::min(kMaxAuditPage, max_entries - out.size());
    auto page = reader_.find(filter);
    if (!page) return tl::unexpected(page.error());
    if (page->empty()) break;
    filter.after_seq = page->back().seq;
    const bool last = page->size() < filter.limit;
    out.insert(out.end(), std::make_move_iterator(page->begin()), std::make_move_iterator(page->end()));
    if (last) break;
  }
  return out;
}

}  // namespace tafel::app::audit
