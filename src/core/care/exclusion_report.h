#pragma once
// The exclusion report (issue 16, point 4; docs/care.md "Exclusion register"):
// refusals and early ends by reason, per service or per target group, per month, as
// a table that a page (chart plus table) or a CSV renders as it is. Pure: counting
// only; the labels are i18n keys (label_key in core/care/exclusion.h).

#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/care/exclusion.h"
#include "core/care/referral.h"

namespace tafel::care {

enum class ExclusionKind : std::uint8_t { refusal, early_end };

// One refusal or early end, as the register keeps it: no person, no text.
struct ExclusionFact {
  std::int64_t service_id = 0;
  std::string target_group;
  ExclusionKind kind = ExclusionKind::refusal;
  ExclusionReason reason = ExclusionReason::other;
  Timestamp at = 0;
  friend bool operator==(const ExclusionFact&, const ExclusionFact&) = default;
};

// The refusals and early ends of `referrals` (the refuse and end_early steps).
std::vector<ExclusionFact> exclusion_facts(std::span<const Referral> referrals);

// "YYYY-MM" of `at` in UTC. The report takes any month function, so that the app can
// count in Belgian local time.
std::string utc_month(Timestamp at);

enum class ExclusionGrouping : std::uint8_t { service, target_group };

struct ExclusionRow {
  std::string group;  // the service id in decimal, or the target group ("" when none)
  std::string month;  // "YYYY-MM"
  std::array<int, kExclusionReasonCount> counts{};  // by kExclusionReasons' order
  int total = 0;
  friend bool operator==(const ExclusionRow&, const ExclusionRow&) = default;
};

struct ExclusionTable {
  ExclusionGrouping grouping = ExclusionGrouping::service;
  std::array<ExclusionReason, kExclusionReasonCount> columns = kExclusionReasons;
  std::vector<ExclusionRow> rows;  // by group, then month; only (group, month) with a count
  std::array<int, kExclusionReasonCount> totals{};  // per reason over all rows
  int total = 0;
};

struct ExclusionReportOptions {
  ExclusionGrouping grouping = ExclusionGrouping::service;
  bool refusals = true;    // count refusals
  bool early_ends = true;  // count early ends
  std::string from_month;  // inclusive, "" = no bound
  std::string to_month;    // inclusive, "" = no bound
  std::function<std::string(Timestamp)> month_of = utc_month;
};

// Counts `facts` by group, month and reason. Rows sort by group (service ids
// numerically, target groups as text), then month.
ExclusionTable exclusion_report(std::span<const ExclusionFact> facts, const ExclusionReportOptions& options = {});

// The table as CSV (RFC 4180, "\r\n"): a header "group,month,<reason names...>,total"
// where each reason's heading is `heading(reason)` (a translated label, or the name),
// then one line per row. Fields with a comma, quote or line break are quoted, and
// a leading =, +, - or @ is prefixed with ' (no formulas in spreadsheets).
std::string to_csv(const ExclusionTable& table, const std::function<std::string(ExclusionReason)>& heading,
                   const std::string& group_heading = "group", const std::string& month_heading = "month",
                   const std::string& total_heading = "total");

}  // namespace tafel::care
