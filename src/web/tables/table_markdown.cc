#include "web/tables/table_markdown.h"

#include <cmark.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>

namespace tafel::web {
namespace {

using kainjow::mustache::data;

// Flags are prefixed so that a token without a flag never falls back to a value of
// the page with the same name (mustache looks names up in the enclosing contexts).
data token(const std::string& flag) {
  data t;
  t.set("md_" + flag, true);
  return t;
}

data token(const std::string& flag, std::string_view text, const char* field = "md_value") {
  data t = token(flag);
  t.set(field, std::string(text));
  return t;
}

std::string_view literal_of(cmark_node* node) {
  const char* text = cmark_node_get_literal(node);
  return text ? std::string_view(text) : std::string_view();
}

// Minutes sit under an <h2>; their headings become <h3>..<h5> ("h2".."h4" tokens)
// and never skip a level (WCAG heading order), whatever levels the author typed:
// the first is always <h3>, each next one at most one deeper than the one before.
std::string heading_flag(cmark_node* node, bool end, int& previous_html_level) {
  int html_level = std::clamp(cmark_node_get_heading_level(node) + 2, 3, 5);
  if (!end) {
    html_level = std::min(html_level, previous_html_level + 1);
    previous_html_level = html_level;
  } else {
    html_level = previous_html_level;  // the closing tag of the heading just opened
  }
  return "h" + std::to_string(html_level - 1) + (end ? "_end" : "");
}

}  // namespace

bool is_safe_link(std::string_view href) {
  // Browsers drop tabs and newlines from addresses and read a backslash as "/", so
  // "/\evil.example" or "/<TAB>/evil.example" would leave the site. Refused as
  // local_path (web/language.h) refuses them.
  for (char c : href) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '\\') return false;
  }
  std::string lower;
  for (char c : href.substr(0, 10)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")) return true;
  // A local path or a fragment; "//host" would leave the site.
  return (href.starts_with("/") && !href.starts_with("//")) || href.starts_with("#");
}

data markdown_tokens(std::string_view markdown) {
  markdown = markdown.substr(0, 100'000);
  // CMARK_OPT_DEFAULT without CMARK_OPT_UNSAFE: cmark 0.30 drops raw HTML and unsafe
  // links itself; the walk below does not print raw HTML nodes either way.
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> root(
      cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT), &cmark_node_free);
  data tokens{data::type::list};
  if (!root) return tokens;
  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(root.get()), &cmark_iter_free);
  // Links whose address was refused: their closing token is skipped as well.
  std::vector<cmark_node*> dropped_links;
  int in_image = 0;  // inside an image only its description (text) is shown
  int heading_level = 2;  // the <h2> of the minutes section
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const bool enter = event == CMARK_EVENT_ENTER;
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_PARAGRAPH:
        // Paragraphs of a tight list are not wrapped (cmark's own HTML does the same).
        if (cmark_node_parent(node) && cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_ITEM &&
            cmark_node_get_list_tight(cmark_node_parent(cmark_node_parent(node)))) {
          break;
        }
        tokens.push_back(token(enter ? "p" : "p_end"));
        break;
      case CMARK_NODE_HEADING:
        tokens.push_back(token(heading_flag(node, !enter, heading_level)));
        break;
      case CMARK_NODE_LIST: {
        bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
        tokens.push_back(token(ordered ? (enter ? "ol" : "ol_end") : (enter ? "ul" : "ul_end")));
        break;
      }
      case CMARK_NODE_ITEM:
        tokens.push_back(token(enter ? "li" : "li_end"));
        break;
      case CMARK_NODE_BLOCK_QUOTE:
        tokens.push_back(token(enter ? "quote" : "quote_end"));
        break;
      case CMARK_NODE_CODE_BLOCK:
        tokens.push_back(token("pre", literal_of(node)));
        break;
      case CMARK_NODE_THEMATIC_BREAK:
        tokens.push_back(token("hr"));
        break;
      case CMARK_NODE_TEXT:
        tokens.push_back(token("text", literal_of(node)));
        break;
      case CMARK_NODE_SOFTBREAK:
        tokens.push_back(token("text", " "));
        break;
      case CMARK_NODE_LINEBREAK:
        tokens.push_back(token("br"));
        break;
      case CMARK_NODE_CODE:
        tokens.push_back(token("code", literal_of(node)));
        break;
      case CMARK_NODE_EMPH:
        if (!in_image) tokens.push_back(token(enter ? "em" : "em_end"));
        break;
      case CMARK_NODE_STRONG:
        if (!in_image) tokens.push_back(token(enter ? "strong" : "strong_end"));
        break;
      case CMARK_NODE_LINK: {
        if (in_image) break;
        const char* url = cmark_node_get_url(node);
        std::string_view href = url ? std::string_view(url) : std::string_view();
        if (enter) {
          if (is_safe_link(href)) {
            tokens.push_back(token("a", href, "md_href"));
          } else {
            dropped_links.push_back(node);
          }
        } else if (std::find(dropped_links.begin(), dropped_links.end(), node) == dropped_links.end()) {
          tokens.push_back(token("a_end"));
        }
        break;
      }
      case CMARK_NODE_IMAGE:
        in_image += enter ? 1 : -1;
        break;
      default:
        // Raw HTML (blocks and inline), custom nodes and the document itself print nothing.
        break;
    }
  }
  return tokens;
}

}  // namespace tafel::web
