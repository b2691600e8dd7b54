#include "app/search/search_service.h"

#include "app/search/find_in_every_language.h"
#include "core/search/matcher.h"

#include <algorithm>
#include <map>

namespace tafel::app::search {

namespace {

constexpr std::size_t kMaxLimit = 100;

// The body around the first word that starts with one of `marked`, cut at spaces.
std::string snippet_of(const std::string& body, const std::vector<std::string>& marked,
                       const tafel::search::Analyzer& analyzer) {
  constexpr std::size_t kWidth = 200;
  std::size_t at = 0;
  // Find the byte offset of the first matching word by scanning words of the body.
  std::size_t pos = 0;
  bool found = false;
  while (pos < body.size() && !found) {
    std::size_t end = body.find_first_of(" \n\t", pos);
    if (end == std::string::npos) end = body.size();
    for (const auto& w : analyzer.words(body.substr(pos, end - pos))) {
      for (const auto& m : marked) {
        if (w.compare(0, m.size(), m) == 0) {
          at = pos;
          found = true;
        }
      }
    }
    pos = end + 1;
  }
  std::size_t start = at > kWidth / 3 ? body.rfind(' ', at - kWidth / 3) : 0;
  if (start == std::string::npos) start = 0;
  std::string out = body.substr(start, kWidth);
  // Never cut a UTF-8 sequence in two.
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0xC0) out.pop_back();
  if (start > 0) out = "… " + out;
  if (start + kWidth < body.size()) out += " …";
  return out;
}

// `snippet` in parts: each space-separated token whose folded form starts with a
// marked word is a marked part; the text between them is plain.
std::vector<SnippetPart> parts_of(const std::string& snippet, const std::vector<std::string>& marked,
                                  const tafel::search::Analyzer& analyzer) {
  std::vector<SnippetPart> out;
  std::size_t pos = 0;
  auto add = [&out](std::string text, bool mark) {
    if (text.empty()) return;
    if (!out.empty() && out.back().marked == mark) {
      out.back().text += text;
    } else {
      out.push_back({std::move(text), mark});
    }
  };
  while (pos < snippet.size()) {
    std::size_t end = snippet.find_first_of(" \n\t", pos);
    if (end == std::string::npos) end = snippet.size();
    const std::string token = snippet.substr(pos, end - pos);
    bool hit = false;
    for (const auto& w : analyzer.words(token)) {
      for (const auto& m : marked) hit = hit || w.compare(0, m.size(), m) == 0;
    }
    add(token, hit);
    if (end < snippet.size()) add(std::string(1, snippet[end]), false);
    pos = end + 1;
  }
  return out;
}

}  // namespace

bool SearchService::visible(const access::Principal& caller, const SearchDocument& d) {
  switch (d.kind) {
    case Kind::minutes:
    case Kind::decision:
      return tables_.table_minutes({caller, {}}, d.table_id).has_value();
    case Kind::action:
      return tables_.table({caller, {}}, d.table_id).has_value();
    case Kind::situation:
      return situations_.situation({caller, {}}, d.record_id).has_value();
    case Kind::contact_point:
      return directory_.contact_point(caller, d.record_id).has_value();
    case Kind::agreement:
      return agreements_.get(caller, d.record_id).has_value();
    case Kind::contribution:
      return false;  // asked of the gate with the contribution itself (readable_contribution)
  }
  return false;
}

std::optional<SearchDocument> SearchService::readable_contribution(const contributions::Caller& caller,
                                                                   const SearchDocument& d) {
  auto viewed = contributions_.view(caller, d.record_id);
  if (!viewed || !viewed->readable || viewed->contribution.parts.empty()) return std::nullopt;
  // The index keeps no text of a contribution: what is shown is what the gate lets
  // this caller read now. A query that matched only a part the caller may not read
  // must not be confirmed by a snippet: the readable text has to match it too.
  SearchDocument shown = d;
  const auto& c = viewed->contribution;
  shown.situation_id = c.situation;
  shown.case_id = c.case_id;
  shown.body.clear();
  for (const auto& part : c.parts) shown.body += (shown.body.empty() ? "" : "\n") + part.text;
  shown.title = shown.body.substr(0, shown.body.find('\n'));
  return shown;
}

Result<std::vector<SearchResult>> SearchService::search(const access::Principal& caller, const SearchRequest& request,
                                                        const audit::Origin& origin) {
  std::vector<SearchResult> out;
  const auto query = tafel::search::parse_query(request.text);
  if (query.empty()) return out;
  SearchFilter filter = request.filter;
  const std::size_t limit = std::min(std::max<std::size_t>(filter.limit, 1), kMaxLimit);
  // More candidates than asked: some will not be visible.
  filter.limit = limit * 3;

  auto lookup = find_in_every_language(index_, analyzer_, query, filter);
  if (!lookup) return tl::unexpected(lookup.error());
  const auto& hits = lookup->hits;
  const auto& marked = lookup->marked;

  // Each table, situation, contact point or agreement asked once.
  std::map<std::pair<int, std::int64_t>, bool> seen;
  const contributions::Caller contribution_caller{caller, origin};
  auto add = [&](SearchDocument d) {
    SearchResult r;
    r.snippet = snippet_of(d.body, marked, analyzer_);
    r.parts = parts_of(r.snippet, marked, analyzer_);
    r.marked = marked;
    r.document = std::move(d);
    out.push_back(std::move(r));
  };
  for (const auto& hit : hits) {
    if (out.size() == limit) break;
    if (hit.document.kind == Kind::contribution) {
      auto shown = readable_contribution(contribution_caller, hit.document);
      const auto language = tafel::search::language_of(hit.document.language);
      if (!shown || !tafel::search::matches(tafel::search::index_text(shown->body, analyzer_, language),
                                            tafel::search::normalise(query, analyzer_, language))) {
        continue;
      }
      add(std::move(*shown));
      continue;
    }
    const auto& d = hit.document;
    const bool of_table = d.kind == Kind::minutes || d.kind == Kind::decision || d.kind == Kind::action;
    std::pair<int, std::int64_t> key{static_cast<int>(d.kind), of_table ? d.table_id : d.record_id};
    auto it = seen.find(key);
    const bool ok = it != seen.end() ? it->second : (seen[key] = visible(caller, d));
    if (!ok) continue;
    add(d);
  }
  return out;
}

}  // namespace tafel::app::search
