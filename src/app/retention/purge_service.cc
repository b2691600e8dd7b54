#include "app/retention/purge_service.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>

namespace tafel::app::retention {

namespace rt = tafel::retention;
using tafel::contributions::Contribution;
using tafel::contributions::ShareStatus;

std::string_view name_of(ItemKind kind) {
  switch (kind) {
    case ItemKind::case_record: return "case";
    case ItemKind::contribution: return "contribution";
    case ItemKind::consent: return "consent";
  }
  return "case";
}

int PurgeReport::removed() const {
  return static_cast<int>(std::count_if(items.begin(), items.end(), [](const PurgeItem& i) { return i.removed; }));
}

namespace {

// The agreement a share's rule ("<agreement>/<rule>") names, or nullopt.
std::optional<std::int64_t> agreement_of(const std::string& rule) {
  auto slash = rule.find('/');
  if (slash == std::string::npos || slash == 0) return std::nullopt;
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(rule.data(), rule.data() + slash, id);
  if (ec != std::errc() || end != rule.data() + slash || id <= 0) return std::nullopt;
  return id;
}

// The retention periods an agreement sets: those of its newest version that was ever
// signed into force (in force, suspended, ended or superseded), not of a draft.
std::vector<agreement::Retention> periods_of(const agreement::Agreement& a) {
  const auto& versions = a.versions();
  for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
    if (it->status != agreement::VersionStatus::draft) return it->document.retention;
  }
  return {};
}

// A dependant of a due case: due when its case is, for the same reason.
PurgeItem dependant(const PurgeItem& of, ItemKind kind, std::int64_t id, std::int64_t organisation) {
  PurgeItem item = of;
  item.kind = kind;
  item.id = id;
  item.organisation = organisation;
  item.removed = false;
  return item;
}

std::vector<PurgeItem> dependants_of(const PurgeItem& c, const std::vector<Contribution>& contributions,
                                     const std::vector<tafel::consents::Consent>& consents) {
  std::vector<PurgeItem> out;
  for (const auto& x : contributions) out.push_back(dependant(c, ItemKind::contribution, x.id, x.source));
  for (const auto& x : consents) out.push_back(dependant(c, ItemKind::consent, x.id, x.recorded_by));
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(contributions.size()), out.end(),
            [](const PurgeItem& a, const PurgeItem& b) { return a.id < b.id; });
  return out;
}

}  // namespace

PurgeService::PurgeService(cases::CaseStore& cases, tables::TableStore& tables,
                           contributions::ContributionStore& contributions, consents::ConsentStore& consents,
                           agreements::AgreementStore& agreements, audit::AuditTrail& audit, const Clock& clock,
                           UnitOfWork& transactions)
    : cases_(cases),
      tables_(tables),
      contributions_(contributions),
      consents_(consents),
      agreements_(agreements),
      audit_(audit),
      clock_(clock),
      transactions_(transactions) {}

Result<PurgeReport> PurgeService::find_due(Timestamp now) {
  PurgeReport report;
  report.at = now;

  // Cases: closed, at a table that sets a period, past it.
  auto all_cases = cases_.list(std::nullopt);
  if (!all_cases) return tl::unexpected(all_cases.error());
  std::sort(all_cases->begin(), all_cases->end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  std::map<std::int64_t, std::optional<std::int32_t>> table_days;
  std::set<std::int64_t> covered;  // contributions that go with their case
  for (const auto& c : *all_cases) {
    if (c.open()) continue;
    if (!table_days.contains(c.table_id)) {
      auto table = tables_.find(c.table_id);
      if (!table) return tl::unexpected(table.error());
      table_days[c.table_id] = *table ? (*table)->case_retention_days : std::nullopt;
    }
    const auto days = table_days[c.table_id];
    const auto due = rt::case_due(c.closed_at_us, days);
    if (!rt::is_due(due, now)) continue;
    PurgeItem item;
    item.kind = ItemKind::case_record;
    item.id = c.id;
    item.case_id = c.id;
    item.table_id = c.table_id;
    item.organisation = c.opened_by_organisation;
    item.due_at = *due;
    item.rule = "table-" + std::to_string(c.table_id) + "/case_retention_days=" + std::to_string(*days);
    auto contributions = contributions_.for_case(c.id);
    if (!contributions) return tl::unexpected(contributions.error());
    auto consents = consents_.by_case(c.id);
    if (!consents) return tl::unexpected(consents.error());
    report.items.push_back(item);
    for (auto& d : dependants_of(item, *contributions, *consents)) report.items.push_back(std::move(d));
    for (const auto& x : *contributions) covered.insert(x.id);
  }

  // Contributions received under an agreement, past its period for a category that
  // travelled, counted from when they were received.
  auto agreements = agreements_.list();
  if (!agreements) return tl::unexpected(agreements.error());
  std::map<std::int64_t, std::vector<agreement::Retention>> periods;
  for (const auto& a : *agreements) periods[a.id()] = periods_of(a);
  auto contributions = contributions_.all();
  if (!contributions) return tl::unexpected(contributions.error());
  for (const auto& x : *contributions) {
    if (covered.contains(x.id)) continue;
    std::optional<PurgeItem> earliest;
    for (const auto& share : x.shares) {
      if (share.status == ShareStatus::denied) continue;
      auto agreement = agreement_of(share.rule);
      if (!agreement) continue;
      auto found = periods.find(*agreement);
      if (found == periods.end()) continue;
      // One period at a time, so the report can say which one made it due.
      for (const auto& period : found->second) {
        auto due = rt::contribution_due(share.at_us, share.categories, {period}, std::nullopt);
        if (!due || (earliest && earliest->due_at <= *due)) continue;
        PurgeItem item;
        item.kind = ItemKind::contribution;
        item.id = x.id;
        item.case_id = x.case_id;
        item.agreement_id = *agreement;
        item.organisation = x.source;
        item.due_at = *due;
        item.rule = "agreement-" + std::to_string(*agreement) + "/retention/" +
                    std::string(sharing::name_of(period.category)) + "=" + std::to_string(period.days);
        earliest = std::move(item);
      }
    }
    if (earliest && rt::is_due(earliest->due_at, now)) report.items.push_back(std::move(*earliest));
  }
  return report;
}

Result<PurgeReport> PurgeService::dry_run() {
  return find_due(clock_.now().time_since_epoch().count());
}

Result<void> PurgeService::record_deletion(const PurgeItem& item) {
  core::audit::Entry e;
  e.actor = "";  // the purge itself, not a person
  e.organisation = std::to_string(item.organisation);
  e.action = core::audit::Action::remove;
  e.object_type = std::string(name_of(item.kind));
  e.object_id = std::to_string(item.id);
  e.ground = "retention";
  e.rule = item.rule;
  auto recorded = audit_.record(std::move(e), audit::Origin{});
  if (!recorded) return tl::unexpected(recorded.error());
  return {};
}

Result<std::vector<PurgeItem>> PurgeService::remove_case(const PurgeItem& c) {
  return transactions_.run_returning<std::vector<PurgeItem>>([&]() -> Result<std::vector<PurgeItem>> {
    std::vector<PurgeItem> gone;
    // Deleting the case row is the re-check: when another purge deleted it first,
    // nothing of it is left to delete or to record.
    auto removed = cases_.remove(c.id);
    if (!removed) return tl::unexpected(removed.error());
    if (!*removed) return gone;
    gone.push_back(c);
    gone.back().removed = true;
    if (auto ok = record_deletion(c); !ok) return tl::unexpected(ok.error());
    // Everything on the case now, read inside the transaction: also what was added
    // since the report was made.
    auto contributions = contributions_.for_case(c.id);
    if (!contributions) return tl::unexpected(contributions.error());
    auto consents = consents_.by_case(c.id);
    if (!consents) return tl::unexpected(consents.error());
    for (auto& d : dependants_of(c, *contributions, *consents)) {
      auto done = d.kind == ItemKind::contribution ? contributions_.remove(d.id) : consents_.remove(d.id);
      if (!done) return tl::unexpected(done.error());
      if (!*done) continue;
      if (auto ok = record_deletion(d); !ok) return tl::unexpected(ok.error());
      d.removed = true;
      gone.push_back(std::move(d));
    }
    return gone;
  });
}

Result<PurgeReport> PurgeService::apply() {
  auto due = find_due(clock_.now().time_since_epoch().count());
  if (!due) return due;
  PurgeReport report;
  report.at = due->at;
  report.applied = true;
  const auto& items = due->items;
  for (std::size_t i = 0; i < items.size();) {
    const PurgeItem& item = items[i];
    if (item.kind == ItemKind::case_record) {
      // The case and its dependants as listed (up to the next item of another case).
      std::size_t end = i + 1;
      while (end < items.size() && items[end].kind != ItemKind::case_record && items[end].table_id != 0 &&
             items[end].case_id == item.id) {
        ++end;
      }
      auto gone = remove_case(item);
      if (!gone) return tl::unexpected(gone.error());
      if (gone->empty()) {
        report.items.insert(report.items.end(), items.begin() + static_cast<std::ptrdiff_t>(i),
                            items.begin() + static_cast<std::ptrdiff_t>(end));
      } else {
        report.items.insert(report.items.end(), gone->begin(), gone->end());
      }
      i = end;
      continue;
    }
    // A contribution due under an agreement: on its own.
    PurgeItem x = item;
    auto done = transactions_.run([&]() -> Result<void> {
      auto removed = contributions_.remove(x.id);
      if (!removed) return tl::unexpected(removed.error());
      if (!*removed) return {};
      x.removed = true;
      return record_deletion(x);
    });
    if (!done) return tl::unexpected(done.error());
    report.items.push_back(std::move(x));
    ++i;
  }
  return report;
}

}  // namespace tafel::app::retention
