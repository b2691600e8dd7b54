#include "web/page.h"
#include "web/viewer.h"
#include "web/pages.h"

namespace tafel::web {

http::Response about_page(const http::Request& request, const Options& options) {
  static constexpr std::string_view kTensions[] = {"meetings", "information", "contacts", "capacity",
                                                   "exclusion", "roles",      "knowledge"};
  static constexpr std::string_view kPreconditions[] = {"structured", "acquainted", "local",
                                                        "contacts",   "clarity",    "agreement"};
  static constexpr std::string_view kLegal[] = {"secrecy",        "report",    "shared", "consultation",
                                                "right_to_speak", "necessity", "gdpr"};

  Page page(request, options, "about");
  show_viewer(page, request, options);
  page.set_title(page.text("web.about.title"));
  page.set("heading", page.text("web.about.title"));
  page.set("intro", page.text("web.about.intro"));

  page.set("tensions_heading", page.text("web.about.tensions.heading"));
  page.set("tensions_intro", page.text("web.about.tensions.intro"));
  page.set("tensions_caption", page.text("web.about.tensions.caption"));
  page.set("col_tension", page.text("web.about.tensions.col_tension"));
  page.set("col_answer", page.text("web.about.tensions.col_answer"));
  page.set("tensions", page.text_records("web.about.tension", kTensions, {"name", "answer"}));

  page.set("preconditions_heading", page.text("web.about.preconditions.heading"));
  page.set("preconditions_intro", page.text("web.about.preconditions.intro"));
  page.set("preconditions", page.text_list("web.about.precondition", kPreconditions));

  page.set("legal_heading", page.text("web.about.legal.heading"));
  page.set("legal_warning", page.text("web.about.legal.warning"));
  page.set("legal", page.text_records("web.about.legal", kLegal, {"name", "text"}));
  return page.render("about");
}

}  // namespace tafel::web
