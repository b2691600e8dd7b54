#pragma once
// Pieces of the organisation pages that the directory pages reuse: the choices of
// the vocabulary fields, translated. The pages themselves are registered by
// register_organisation_pages (web/account_pages.h).

#include <string>
#include <string_view>
#include <vector>

#include "core/directory/area.h"
#include "web/account_pages_support.h"

namespace tafel::web {

// nl, fr, en with their names in the page's language; `selected` are checked.
std::vector<Choice> language_choices(const Page& page, const std::vector<std::string>& selected);

// Every sector, labelled from "directory.sector.<name>"; `selected` is chosen. With
// `any_label`, a first choice "" (no filter) is added.
std::vector<Choice> sector_choices(const Page& page, std::string_view selected, std::string any_label = {});

// An area's name for lists: "Walem (district)" for districts.
std::string area_label(const Page& page, const directory::Area& area);

}  // namespace tafel::web
