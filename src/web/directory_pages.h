#pragma once
// The directory pages: the search "whom do I call at X about Y" and the partner
// profile. Registered by register_directory_pages (web/account_pages.h); this header
// names the view model of a contact-point card, which both pages show.

#include <kainjow/mustache.hpp>

#include "app/directory/directory_service.h"
#include "web/page.h"

namespace tafel::web {

// A contact point as a card: topic, organisation, area, the primary person and the
// deputies with their phone numbers, office hours, emergency line and languages.
// `edit_href` (may be empty) adds an edit link for those who manage it.
kainjow::mustache::data contact_card(const Page& page, const app::directory::ContactPointView& view,
                                     const std::string& edit_href);

}  // namespace tafel::web
