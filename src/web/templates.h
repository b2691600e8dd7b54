#pragma once
// The mustache templates of the web pages (web/templates/*.mustache), compiled into
// the binary.
//
// Every page is the layout ("layout.mustache") with the page's template as the
// partial `content`, rendered against one view model.
//
// Compiled once: kainjow parses a partial's text on every render where it occurs
// (and a template's own text when it is constructed), so parse() splices the page
// and the fragments it includes into the layout's text, once, and each thread
// compiles each page once from that text (a compiled kainjow template is not
// shared: it records rendering errors in itself). Splicing renders the same bytes as
// the partials did: kainjow renders a partial with no indentation, in the line
// buffer of the including template (tested for every page against per-render
// partials). Set-delimiter tags ({{=...=}}) are refused: splicing would carry them
// over the partial's end. Values are HTML-escaped by
// mustache; no template uses triple braces or `{{&`, and there are no lambdas, so a
// value can never become markup (tested).

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

#include "core/embedded_file.h"
#include "core/result.h"

namespace tafel::web {

class Templates {
 public:
  // The templates compiled into this binary. Aborts at start-up if one is malformed
  // (a programmer error the tests catch first).
  static const Templates& builtin();

  // Reads "<dir>/<name>.mustache" files, known as "<dir>/<name>"; fails on a template mustache cannot parse,
  // one with a set-delimiter tag, a fragment including itself, or when "layout.mustache" is missing.
  static Result<Templates> parse(std::span<const EmbeddedFile> files);

  // Renders the layout with template `page` as its content against `view`. Throws
  // std::runtime_error for an unknown page or a rendering error (programmer errors;
  // the router turns them into a 500 page).
  std::string render(std::string_view page, const kainjow::mustache::data& view) const;

  // A fragment ("<dir>/_<name>.mustache") is not a page: every page may include it
  // as the partial {{> <dir>/_<name>}}.
  static bool is_fragment(std::string_view name);
  // The names of the page templates ("home", "tables/meeting", ...), layout and
  // fragments excluded.
  std::vector<std::string> pages() const;

  // The raw text of template `name`, or empty if there is none.
  std::string_view source(std::string_view name) const;

  // The text page `page` is compiled from (the layout with the page and its fragments
  // spliced in), or empty if there is no such page.
  std::string_view compiled_source(std::string_view page) const;

 private:
  // Identifies these templates in each thread's compiled copies (copies of a
  // Templates share it: same texts).
  std::uint64_t id_ = 0;
  std::map<std::string, std::string, std::less<>> sources_;
  std::map<std::string, std::string, std::less<>> pages_;  // page -> compiled_source
};

}  // namespace tafel::web
