#pragma once
// Minutes in Markdown, shown safely: cmark (CommonMark) parses the text, and the
// result becomes a flat list of tokens that a template prints with a fixed set of
// elements (paragraphs, headings, lists, quotes, code, emphasis, links).
//
// Why tokens and not cmark's HTML: templates never print unescaped values (a test
// rejects triple braces), so no text written by a user can ever become markup. Raw
// HTML in the Markdown is dropped (as cmark's own safe default does), images show
// only their description, and a link keeps its address only when it is http(s),
// mailto or a local path; any other link (javascript:, data:, ...) is plain text.
//
// Each token has exactly one flag "md_<name>" set to true, plus `md_value` or
// `md_href` where noted:
//   p, p_end, h2, h2_end, h3, h3_end, h4, h4_end, ul, ul_end, ol, ol_end, li, li_end,
//   quote, quote_end, pre (value), hr, br, text (value), code (value), em, em_end,
//   strong, strong_end, a (href), a_end.
// Markdown headings # / ## / ### and deeper give md_h2 / md_h3 / md_h4: levels below
// the page's own h1; a template that shows the minutes under an h2 prints them one
// level lower.

#include <string_view>

#include <kainjow/mustache.hpp>

namespace tafel::web {

// The tokens of `markdown` (at most 100,000 bytes are read, as Minutes allows).
kainjow::mustache::data markdown_tokens(std::string_view markdown);

// True for an address a link in the minutes may keep: http(s), mailto, a local path
// (not "//host") or a fragment, and never one with a backslash or a control
// character (tab, newline, ...), which browsers would turn into another address.
bool is_safe_link(std::string_view href);

}  // namespace tafel::web
