#include "web/page.h"
#include "web/pages.h"

namespace tafel::web {

http::Response home_page(const http::Request& request, const Options& options) {
  using kainjow::mustache::data;
  static constexpr std::string_view kFeatures[] = {"consultation", "sharing",  "agreement", "contacts",
                                                   "care_offer",   "involved", "evidence",  "audit"};
  static constexpr std::string_view kPrinciples[] = {"situations", "equal", "local", "responsibility"};

  Page page(request, options, "home");
  page.set_title(page.text("web.home.title"));
  page.set("heading", page.text("web.home.title"));
  page.set("lead", page.text("web.home.lead"));
  page.set("features_heading", page.text("web.home.features.heading"));
  data features{data::type::list};
  for (std::string_view id : kFeatures) {
    const std::string prefix = "web.home.feature." + std::string(id);
    data feature;
    feature.set("title", page.text(prefix + ".title"));
    feature.set("text", page.text(prefix + ".text"));
    features.push_back(feature);
  }
  page.set("features", features);
  page.set("principles_heading", page.text("web.home.principles.heading"));
  data principles{data::type::list};
  for (std::string_view id : kPrinciples) principles.push_back(page.text("web.home.principle." + std::string(id)));
  page.set("principles", principles);
  page.set("audience_heading", page.text("web.home.audience.heading"));
  page.set("audience_text", page.text("web.home.audience.text"));
  page.set("about_link", page.text("web.home.about_link"));
  return page.render("home");
}

}  // namespace tafel::web
