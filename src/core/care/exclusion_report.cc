#include "core/care/exclusion_report.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace tafel::care {
namespace {

std::size_t column_of(ExclusionReason reason) {
  return static_cast<std::size_t>(std::find(kExclusionReasons.begin(), kExclusionReasons.end(), reason) -
                                  kExclusionReasons.begin());
}

// Days since 1970-01-01 to a civil date (H. Hinnant's days_from_civil inverse).
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
}

std::string csv_field(const std::string& value) {
  std::string text = value;
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) text.insert(0, "'");
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::vector<ExclusionFact> exclusion_facts(std::span<const Referral> referrals) {
  std::vector<ExclusionFact> facts;
  for (const Referral& referral : referrals) {
    for (const ReferralStep& step : referral.steps) {
      if (!step.reason || !step.transition) continue;
      const ExclusionKind kind =
          *step.transition == ReferralTransition::refuse ? ExclusionKind::refusal : ExclusionKind::early_end;
      facts.push_back({referral.service_id, referral.target_group, kind, step.reason->reason, step.at});
    }
  }
  return facts;
}

std::string utc_month(Timestamp at) {
  std::int64_t days = at / kMicrosPerDay;
  if (at % kMicrosPerDay < 0) --days;
  std::int64_t year = 0;
  unsigned month = 0;
  civil_from_days(days, year, month);
  std::string text = std::to_string(year) + "-";
  if (month < 10) text += '0';
  return text + std::to_string(month);
}

ExclusionTable exclusion_report(std::span<const ExclusionFact> facts, const ExclusionReportOptions& options) {
  ExclusionTable table;
  table.grouping = options.grouping;
  // (service id or 0, target group, month) sorts services numerically and groups as text.
  std::map<std::tuple<std::int64_t, std::string, std::string>, ExclusionRow> rows;
  for (const ExclusionFact& fact : facts) {
    if (fact.kind == ExclusionKind::refusal ? !options.refusals : !options.early_ends) continue;
    std::string month = options.month_of(fact.at);
    if (!options.from_month.empty() && month < options.from_month) continue;
    if (!options.to_month.empty() && month > options.to_month) continue;
    const bool by_service = options.grouping == ExclusionGrouping::service;
    auto key = std::make_tuple(by_service ? fact.service_id : 0, by_service ? std::string() : fact.target_group, month);
    ExclusionRow& row = rows[key];
    if (row.month.empty()) {
      row.group = by_service ? std::to_string(fact.service_id) : fact.target_group;
      row.month = std::move(month);
    }
    const std::size_t column = column_of(fact.reason);
    ++row.counts[column];
    ++row.total;
    ++table.totals[column];
    ++table.total;
  }
  for (auto& [key, row] : rows) table.rows.push_back(std::move(row));
  return table;
}

std::string to_csv(const ExclusionTable& table, const std::function<std::string(ExclusionReason)>& heading,
                   const std::string& group_heading, const std::string& month_heading,
                   const std::string& total_heading) {
  std::string csv = csv_field(group_heading) + "," + csv_field(month_heading);
  for (ExclusionReason reason : table.columns) csv += "," + csv_field(heading(reason));
  csv += "," + csv_field(total_heading) + "\r\n";
  for (const ExclusionRow& row : table.rows) {
    csv += csv_field(row.group) + "," + csv_field(row.month);
    for (int count : row.counts) csv += "," + std::to_string(count);
    csv += "," + std::to_string(row.total) + "\r\n";
  }
  return csv;
}

}  // namespace tafel::care
