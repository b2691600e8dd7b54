#pragma once
// Page: the view model of one HTML page in the visitor's language.
//
// It fills what the layout needs (language, title, navigation, language switch,
// asset URLs, footer) and lets the page add its own values. Every text is
// translated here, in C++, before rendering, so templates only ever print escaped
// strings.

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kainjow/mustache.hpp>

#include "app/accounts/account_service.h"
#include "http/request.h"
#include "http/response.h"
#include "i18n/catalog.h"
#include "web/options.h"

namespace tafel::web {

class Page {
 public:
  // A page for `request` in its language (see request_language). `nav_id` marks the
  // current item of the main navigation ("home", "about"; empty for none).
  Page(const http::Request& request, const Options& options, std::string_view nav_id);

  // The language the page is rendered in.
  const std::string& lang() const { return lang_; }

  // The message `key` in the page's language.
  std::string text(std::string_view key, std::initializer_list<i18n::Arg> args = {}) const;

  // Sets a value the page template prints (escaped) or iterates over. The layout's
  // own values live under the name `layout` ({{layout.title}}), so a page value can
  // never replace one of them.
  void set(const std::string& name, kainjow::mustache::data value);

  // A list of translated texts, one per id: "<prefix>.<id>" for each id, in order.
  // For enumerations whose items live in the catalog (principles, preconditions).
  kainjow::mustache::data text_list(std::string_view prefix, std::span<const std::string_view> ids) const;

  // A list of objects, one per id, each with `fields` set to "<prefix>.<id>.<field>".
  // For cards and table rows whose parts live in the catalog (title + text, ...).
  kainjow::mustache::data text_records(std::string_view prefix, std::span<const std::string_view> ids,
                                       std::initializer_list<std::string_view> fields) const;

  // Shows `who` as signed in: the header names them with links to their account and
  // a logout button, the main navigation gains the signed-in modules they may open, and
  // {{layout.csrf_token}} holds the token every POST form must carry. The header
  // links to the notifications with the number of unread ones.
  void set_viewer(const app::accounts::Authenticated& who);

  // Sets the page's title: shown in the browser tab as "<title> – tafel".
  void set_title(const std::string& title);

  // Renders template `page_template` inside the layout as a response with `status`.
  // The response says which language it is in and that it varies by the inputs
  // that choose the language.
  http::Response render(std::string_view page_template, int status = 200) const;

 private:
  // The main navigation for `who` (nullptr: not signed in).
  void build_navigation(const access::Principal* who);

  std::string lang_;
  std::string nav_id_;
  // What layout.mustache prints and what the page's template prints; mutable: a
  // render lends the layout to the view instead of copying both.
  mutable kainjow::mustache::data layout_;
  mutable kainjow::mustache::data view_;
  const AccountsContext* accounts_ = nullptr;  // for the header's unread notifications
};

// The options of a select field as templates print them ({value, label, selected}),
// in the order given, the one whose value is `selected` marked.
kainjow::mustache::data choices(const std::vector<std::pair<std::string, std::string>>& items,
                                const std::string& selected = {});

}  // namespace tafel::web
