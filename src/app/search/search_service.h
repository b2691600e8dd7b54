#pragma once
// Search as a use case (issue 14): the index finds candidates, and a candidate is
// shown only if its own page would be shown to the caller, asked of the service that
// owns the record (tables: view_minutes for minutes and decisions, view_table for
// actions; situations: view_situation; contact points: the directory; agreements:
// the agreement's page; contributions: the sharing gate, as the contribution's own
// view asks it). What is hidden is never counted or hinted at: the answer is the visible
// hits, at most the limit asked, and nothing about the rest.
//
// A query is looked up once per language the index holds documents in (nl, fr, en),
// with the query's words stemmed in that language, so "gezinnen" finds Dutch minutes
// and "familles" French ones from the same box.

#include <string>
#include <vector>

#include "app/agreements/agreement_service.h"
#include "app/contributions/contribution_service.h"
#include "app/directory/directory_service.h"
#include "app/search/search_index.h"
#include "app/situations/situation_service.h"
#include "app/tables/table_service.h"
#include "core/access/user.h"
#include "core/search/analyzer.h"

namespace tafel::app::search {

struct SearchRequest {
  std::string text;          // what the person typed
  SearchFilter filter;       // limit: at most 100
};

// A piece of a snippet: text, and whether it is a word the query matched.
struct SnippetPart {
  std::string text;
  bool marked = false;
};

struct SearchResult {
  SearchDocument document;
  std::string snippet;       // the body around the first matching word, at most ~200 bytes
  std::vector<SnippetPart> parts;   // the snippet cut at the matched words, for highlighting
  std::vector<std::string> marked;  // the folded words to highlight in title and snippet
};

class SearchService {
 public:
  // Every reference must outlive the service.
  SearchService(SearchIndex& index, const tafel::search::Analyzer& analyzer, tables::TableService& tables,
                situations::SituationService& situations, directory::DirectoryService& directory,
                agreements::AgreementService& agreements, contributions::ContributionService& contributions)
      : index_(index),
        analyzer_(analyzer),
        tables_(tables),
        situations_(situations),
        directory_(directory),
        agreements_(agreements),
        contributions_(contributions) {}

  // The visible results of `request` for `caller`, best first. Fails with
  // "not_authenticated"-like errors only through the services it asks; an empty query
  // gives no results (not an error).
  // A contribution is shown as ContributionService::view reads it for the caller now
  // (the sharing gate asked again, the view audited with `origin`): only its readable
  // parts, and not at all when the gate refuses.
  Result<std::vector<SearchResult>> search(const access::Principal& caller, const SearchRequest& request,
                                           const audit::Origin& origin = {});

 private:
  bool visible(const access::Principal& caller, const SearchDocument& d);
  // The contribution `d` as the caller may read it (title and body filled), or nullopt.
  std::optional<SearchDocument> readable_contribution(const contributions::Caller& caller, const SearchDocument& d);

  SearchIndex& index_;
  const tafel::search::Analyzer& analyzer_;
  tables::TableService& tables_;
  situations::SituationService& situations_;
  directory::DirectoryService& directory_;
  agreements::AgreementService& agreements_;
  contributions::ContributionService& contributions_;
};

}  // namespace tafel::app::search
