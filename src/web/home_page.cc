#include "web/page.h"
#include "web/viewer.h"
#include "web/pages.h"

namespace tafel::web {

http::Response home_page(const http::Request& request, const Options& options) {
  static constexpr std::string_view kFeatures[] = {"consultation", "sharing",  "agreement", "contacts",
                                                   "care_offer",   "involved", "evidence",  "audit"};
  static constexpr std::string_view kPrinciples[] = {"situations", "equal", "local", "responsibility"};

  Page page(request, options, "home");
  show_viewer(page, request, options);
  page.set_title(page.text("web.home.title"));
  page.set("heading", page.text("web.home.title"));
  page.set("lead", page.text("web.home.lead"));
  page.set("features_heading", page.text("web.home.features.heading"));
  page.set("features", page.text_records("web.home.feature", kFeatures, {"title", "text"}));
  page.set("principles_heading", page.text("web.home.principles.heading"));
  page.set("principles", page.text_list("web.home.principle", kPrinciples));
  page.set("audience_heading", page.text("web.home.audience.heading"));
  page.set("audience_text", page.text("web.home.audience.text"));
  page.set("about_link", page.text("web.home.about_link"));
  return page.render("home");
}

}  // namespace tafel::web
