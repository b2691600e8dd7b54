#pragma once
// The JSON and form readings shared by the contribution API and pages. Not a public
// header: include it only from web/contributions/*.cc.

#include <boost/json.hpp>

#include <string>

#include "app/contributions/contribution_service.h"
#include "http/form.h"

namespace tafel::web::contribution_support {

boost::json::object viewed_json(const app::contributions::Viewed& viewed, const std::string& lang);
boost::json::array decisions_json(const std::vector<app::contributions::RecipientDecision>& decisions,
                                  const std::string& lang);
boost::json::array explanation_json(const sharing::Explanation& explanation, const std::string& lang);

// The contribution as a Markdown document (the export): its parts the caller may read.
std::string markdown_of(const app::contributions::Viewed& viewed);

// The sender's confirmations from a page form: `picked=yes` with `travel=<category>`
// checkboxes (minimum_necessary), `professional_judgement=yes`,
// `reporting_duty_acknowledged=yes`, `reasoning`.
tafel::contributions::Confirmations confirmations_of(const http::Form& form);

}  // namespace tafel::web::contribution_support
