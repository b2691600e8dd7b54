#pragma once
// What of a record the search index keeps (issue 14): the texts a person would look
// for, with the table or organisation they belong to and when they happened. One
// function per area; the indexing stores (indexing_stores.h) and `tafel search
// reindex` both use them, so a record is indexed the same way wherever it comes from.

#include <vector>

#include "app/search/search_index.h"
#include "core/agreement/agreement.h"
#include "core/contributions/contribution.h"
#include "core/directory/contact_point.h"
#include "core/search/analyzer.h"
#include "core/situations/situation.h"
#include "core/tables/table.h"

namespace tafel::app::search {

// A table's current minutes (one document per meeting, titled by the table's name and
// the meeting's date), decisions and actions. Case details are never in them: minutes
// and decisions are texts members write, and the index holds no agenda item of a case.
std::vector<SearchDocument> documents_of(const tafel::tables::Table& table, const tafel::search::Analyzer& analyzer);

// A situation: its title, behaviour, place and plan, owned by its organisation.
SearchDocument document_of(const tafel::situations::Situation& situation, const tafel::search::Analyzer& analyzer);

// What a contact point is called by: its organisation, area, topic (in nl, fr and en)
// and the people to call, as the directory names them.
struct ContactPointNames {
  std::string organisation;
  std::string area;
  std::vector<std::string> topic;   // the topic's labels
  std::vector<std::string> people;  // the primary first, then the deputies
};

// A contact point (Language none: names are folded, never stemmed), titled by its
// organisation and area, owned by its organisation. It has no date.
SearchDocument document_of(const tafel::directory::ContactPoint& contact_point, const ContactPointNames& names);

// An agreement's latest version: its title, the parties' finalities, roles and tasks,
// and the rules' legal references (no personal data: agreements hold none).
SearchDocument document_of(const tafel::agreement::Agreement& agreement, const tafel::search::Analyzer& analyzer);

// A contribution, sealed (SearchDocument::sealed): its parts' text as keyed terms only,
// owned by its source organisation. Who may see it is the sharing gate's to say, when
// it is found (SearchService).
SearchDocument document_of(const tafel::contributions::Contribution& contribution,
                           const tafel::search::Analyzer& analyzer);

}  // namespace tafel::app::search
