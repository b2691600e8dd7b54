#include "core/tables/series.h"

#include "core/tables/text_rules.h"

namespace tafel::tables {

Result<void> check_series_fields(const Series& series) {
  if (series.duration_minutes < 5 || series.duration_minutes > 720) {
    return fail("invalid_input", "duration_minutes must be between 5 and 720");
  }
  if (auto ok = check_text("rule", series.rule, 1, 500); !ok) return ok;
  if (auto ok = check_text("venue", series.venue, 0, 300); !ok) return ok;
  if (auto ok = check_text("video_link", series.video_link, 0, 300); !ok) return ok;
  if (!series.video_link.empty() && series.video_link.rfind("https://", 0) != 0) {
    return fail("invalid_input", "video_link must start with https://");
  }
  return {};
}

}  // namespace tafel::tables
