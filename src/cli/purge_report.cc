#include "cli/purge_report.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <vector>

namespace tafel::cli {

using app::retention::ItemKind;
using app::retention::PurgeItem;

namespace {

std::string utc_day(std::int64_t micros) {
  using namespace std::chrono;
  const year_month_day d{floor<days>(sys_time<microseconds>(microseconds(micros)))};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return text;
}

std::string utc_minute(std::int64_t micros) {
  using namespace std::chrono;
  const sys_time<microseconds> at{microseconds(micros)};
  const auto into_day = floor<minutes>(at) - floor<days>(at);
  char text[16];
  std::snprintf(text, sizeof text, " %02d:%02d UTC", static_cast<int>(duration_cast<hours>(into_day).count()),
                static_cast<int>(into_day.count() % 60));
  return utc_day(micros) + text;
}

std::string plural(int n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

}  // namespace

std::string format_purge_report(const app::retention::PurgeReport& report) {
  std::string out = std::string(report.applied ? "Retention purge" : "Retention purge, dry run (nothing deleted)") +
                    " at " + utc_minute(report.at) + "\n";
  if (report.items.empty()) {
    out += "Nothing is past retention.\n";
    out += report.applied ? "0 records went.\n" : "0 records would go.\n";
    return out;
  }
  const std::vector<std::string> header = {"KIND", "NUMBER", "CASE", "PERIOD OF", "DUE", "STATUS"};
  std::vector<std::vector<std::string>> rows;
  for (const PurgeItem& i : report.items) {
    std::string period = i.table_id != 0 ? "table " + std::to_string(i.table_id)
                                         : "agreement " + std::to_string(i.agreement_id);
    std::string status = !report.applied ? "would go" : i.removed ? "went" : "already gone";
    rows.push_back({std::string(name_of(i.kind)), std::to_string(i.id),
                    i.case_id != 0 ? std::to_string(i.case_id) : "-", std::move(period), utc_day(i.due_at),
                    std::move(status)});
  }
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& r : rows) width[c] = std::max(width[c], r[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      l += cells[c];
      if (c + 1 < cells.size()) l += std::string(width[c] - cells[c].size() + 2, ' ');
    }
    out += l + "\n";
  };
  line(header);
  for (const auto& r : rows) line(r);

  // The count line: how many of each kind would go / went.
  std::map<ItemKind, int> counted;
  int total = 0;
  for (const PurgeItem& i : report.items) {
    if (report.applied && !i.removed) continue;
    ++counted[i.kind];
    ++total;
  }
  std::string kinds;
  for (auto [kind, word] : {std::pair{ItemKind::case_record, "case"}, std::pair{ItemKind::contribution, "contribution"},
                            std::pair{ItemKind::consent, "consent"}}) {
    kinds += (kinds.empty() ? "" : ", ") + plural(counted[kind], word);
  }
  out += plural(total, "record") + (report.applied ? " went" : " would go") + " (" + kinds + ")";
  if (report.applied && total < static_cast<int>(report.items.size())) {
    out += "; " + std::to_string(static_cast<int>(report.items.size()) - total) + " already gone";
  }
  out += ".\n";
  return out;
}

}  // namespace tafel::cli
