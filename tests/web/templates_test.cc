// Templates compiled once (web/templates.h): every page renders the same bytes as the
// layout rendered with the page and the fragments as partials parsed on each render
// (what tafel did before), whatever the view, on any thread.

#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "web/templates.h"

namespace tafel::web {
namespace {

using kainjow::mustache::data;

// The names of the partials the templates include, "content" aside (the fragments).
std::set<std::string> fragment_names(const Templates& templates) {
  std::set<std::string> names;
  std::vector<std::string> pending = templates.pages();
  pending.push_back("layout");
  while (!pending.empty()) {
    std::string_view source = templates.source(pending.back());
    pending.pop_back();
    for (std::size_t open = source.find("{{>"); open != std::string_view::npos; open = source.find("{{>", open + 3)) {
      std::size_t close = source.find("}}", open);
      std::string name(source.substr(open + 3, close - open - 3));
      while (!name.empty() && name.front() == ' ') name.erase(0, 1);
      while (!name.empty() && name.back() == ' ') name.pop_back();
      if (name != "content" && names.insert(name).second) pending.push_back(name);
    }
  }
  return names;
}

// The former rendering: the layout parsed now, the page and the fragments as
// partials parsed where they occur.
std::string render_with_partials(const Templates& templates, const std::string& page, const data& view) {
  kainjow::mustache::mustache layout{std::string(templates.source("layout"))};
  data with_content = view;
  std::string content(templates.source(page));
  with_content.set("content", kainjow::mustache::partial([content] { return content; }));
  for (const auto& name : fragment_names(templates)) {
    std::string text(templates.source(name));
    with_content.set(name, kainjow::mustache::partial([text] { return text; }));
  }
  std::string html = layout.render(with_content);
  EXPECT_TRUE(layout.is_valid()) << page << ": " << layout.error_message();
  return html;
}

// Every tag name used by any template ("x" of {{x}}, {{#x}}, {{^x}}).
std::set<std::string> tag_names(const Templates& templates) {
  std::set<std::string> names;
  std::vector<std::string> all = templates.pages();
  all.push_back("layout");
  for (const auto& name : all) {
    std::string_view source = templates.source(name);
    for (std::size_t open = source.find("{{"); open != std::string_view::npos; open = source.find("{{", open + 2)) {
      std::size_t close = source.find("}}", open);
      if (close == std::string_view::npos) break;
      std::string tag(source.substr(open + 2, close - open - 2));
      while (!tag.empty() && (tag.front() == ' ' || tag.front() == '#' || tag.front() == '^' || tag.front() == '/' ||
                              tag.front() == '{' || tag.front() == '&')) {
        tag.erase(0, 1);
      }
      while (!tag.empty() && tag.back() == ' ') tag.pop_back();
      if (!tag.empty() && tag.front() != '>' && tag.front() != '!') names.insert(tag);
    }
  }
  return names;
}

// Views that switch every section off (empty), on once (strings), or on twice (a
// list of two records that set every name).
std::vector<data> views(const Templates& templates) {
  std::set<std::string> names = tag_names(templates);
  data strings;
  for (const auto& n : names) strings.set(n, "<" + n + ">");
  data records{data::type::list};
  records.push_back(strings);
  records.push_back(strings);
  data lists;
  for (const auto& n : names) lists.set(n, records);
  return {data{}, strings, lists};
}

TEST(TemplatesTest, EveryPageRendersTheSameBytesAsWithPartialsParsedPerRender) {
  const Templates& templates = Templates::builtin();
  ASSERT_FALSE(templates.pages().empty());
  ASSERT_FALSE(fragment_names(templates).empty());  // the check covers splicing
  std::vector<data> all_views = views(templates);
  for (const auto& page : templates.pages()) {
    for (std::size_t v = 0; v < all_views.size(); ++v) {
      const std::string expected = render_with_partials(templates, page, all_views[v]);
      EXPECT_EQ(templates.render(page, all_views[v]), expected) << page << " with view " << v;
      // Rendered again from the compiled form: the same.
      EXPECT_EQ(templates.render(page, all_views[v]), expected) << page << " with view " << v << ", twice";
    }
  }
}

TEST(TemplatesTest, ThreadsRenderTheSamePageAtOnce) {
  const Templates& templates = Templates::builtin();
  data view;
  view.set("title", "Tafel");
  const std::string expected = templates.render("about", view);
  std::vector<std::thread> threads;
  std::vector<int> differing(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) differing[t] += templates.render("about", view) != expected;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(differing, std::vector<int>(4, 0));
}

TEST(TemplatesTest, FragmentsAreSplicedIntoThePagesThatIncludeThem) {
  const EmbeddedFile files[] = {{"layout.mustache", "<main>\n  {{> content}}\n</main>\n"},
                                {"a/page.mustache", "{{#items}}\n{{> a/_item}}\n{{/items}}"},
                                {"a/_item.mustache", "<li>{{name}}</li>{{> a/_mark}}"},
                                {"a/_mark.mustache", "{{#mark}}*{{/mark}}"}};
  auto templates = Templates::parse(files);
  ASSERT_TRUE(templates.has_value()) << templates.error().message;
  EXPECT_EQ(templates->pages(), std::vector<std::string>{"a/page"});
  EXPECT_EQ(templates->compiled_source("a/page"),
            "<main>\n  {{#items}}\n<li>{{name}}</li>{{#mark}}*{{/mark}}\n{{/items}}\n</main>\n");
  data item;
  item.set("name", "x & y");
  data items{data::type::list};
  items.push_back(item);
  data view;
  view.set("items", items);
  // The line holding only the section tag and spaces is dropped, as with partials.
  EXPECT_EQ(templates->render("a/page", view), "<main>\n<li>x &amp; y</li>\n</main>\n");
  EXPECT_EQ(templates->render("a/page", view), render_with_partials(*templates, "a/page", view));
  EXPECT_THROW(templates->render("a/_item", view), std::runtime_error);
  EXPECT_THROW(templates->render("layout", view), std::runtime_error);
}

TEST(TemplatesTest, SelfIncludingFragmentsAndSetDelimitersAreRefused) {
  const EmbeddedFile cycle[] = {{"layout.mustache", "{{> content}}"},
                                {"a/page.mustache", "{{> a/_loop}}"},
                                {"a/_loop.mustache", "again {{> a/_loop}}"}};
  EXPECT_FALSE(Templates::parse(cycle));
  const EmbeddedFile delimiters[] = {{"layout.mustache", "{{> content}}"}, {"a.mustache", "{{=<% %>=}}<%x%>"}};
  EXPECT_FALSE(Templates::parse(delimiters));
}

}  // namespace
}  // namespace tafel::web
