#include "web/page.h"
#include "web/pages.h"

namespace tafel::web {

http::Response about_page(const http::Request& request, const Options& options) {
  using kainjow::mustache::data;
  static constexpr std::string_view kTensions[] = {"meetings", "information", "contacts", "capacity",
                                                   "exclusion", "roles",      "knowledge"};
  static constexpr std::string_view kPreconditions[] = {"structured", "acquainted", "local",
                                                        "contacts",   "clarity",    "agreement"};
  static constexpr std::string_view kLegal[] = {"secrecy",        "report",    "shared", "consultation",
                                                "right_to_speak", "necessity", "gdpr"};

  Page page(request, options, "about");
  page.set_title(page.text("web.about.title"));
  page.set("heading", page.text("web.about.title"));
  page.set("intro", page.text("web.about.intro"));

  page.set("tensions_heading", page.text("web.about.tensions.heading"));
  page.set("tensions_intro", page.text("web.about.tensions.intro"));
  page.set("tensions_caption", page.text("web.about.tensions.caption"));
  page.set("col_tension", page.text("web.about.tensions.col_tension"));
  page.set("col_answer", page.text("web.about.tensions.col_answer"));
  data tensions{data::type::list};
  for (std::string_view id : kTensions) {
    const std::string prefix = "web.about.tension." + std::string(id);
    data row;
    row.set("name", page.text(prefix + ".name"));
    row.set("answer", page.text(prefix + ".answer"));
    tensions.push_back(row);
  }
  page.set("tensions", tensions);

  page.set("preconditions_heading", page.text("web.about.preconditions.heading"));
  page.set("preconditions_intro", page.text("web.about.preconditions.intro"));
  data preconditions{data::type::list};
  for (std::string_view id : kPreconditions) {
    preconditions.push_back(page.text("web.about.precondition." + std::string(id)));
  }
  page.set("preconditions", preconditions);

  page.set("legal_heading", page.text("web.about.legal.heading"));
  page.set("legal_warning", page.text("web.about.legal.warning"));
  data legal{data::type::list};
  for (std::string_view id : kLegal) {
    const std::string prefix = "web.about.legal." + std::string(id);
    data item;
    item.set("name", page.text(prefix + ".name"));
    item.set("text", page.text(prefix + ".text"));
    legal.push_back(item);
  }
  page.set("legal", legal);
  return page.render("about");
}

}  // namespace tafel::web
