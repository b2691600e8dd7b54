#pragma once
// Moving values into kainjow's data. Its set() and push_back() copy what they are
// given, deeply: a page's list of rows was copied row by row at every level it was
// put into, which made copying the view model a large share of a page's time
// (docs/performance.md, "Request path"). These move instead.

#include <string>

#include <kainjow/mustache.hpp>

namespace tafel::web {

// object[name] = value, moved; nothing when `object` is not an object.
void set_moved(kainjow::mustache::data& object, const std::string& name, kainjow::mustache::data&& value);

// Appends `value`, moved, to `list`; nothing when `list` is not a list.
void push_moved(kainjow::mustache::data& list, kainjow::mustache::data&& value);

}  // namespace tafel::web
