#pragma once
// The printed report of a retention purge (`tafel purge`, docs/retention.md): one line
// per record that is due — kind, number, case, table or agreement, due date, and what
// became of it — then a count line. Numbers only: the purge never reads a name.

#include <string>

#include "app/retention/purge_service.h"

namespace tafel::cli {

// The report as text, in English like the other commands' output. A dry run says
// "would go"; an applied run "went", or "already gone" for a record another purge
// deleted first. Dates are UTC days (YYYY-MM-DD).
std::string format_purge_report(const app::retention::PurgeReport& report);

}  // namespace tafel::cli
