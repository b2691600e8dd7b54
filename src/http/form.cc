#include "http/form.h"

#include <vector>

#include "http/target.h"

namespace tafel::http {

Result<Form> Form::parse(std::string_view body) {
  std::string target = "/?";
  target += body;
  auto parsed = parse_target(target);
  if (!parsed) return fail("bad_form", "the form data is not valid (not UTF-8 or badly encoded)");
  Form form;
  for (auto& [name, value] : parsed->query) form.fields_.emplace(name, value);
  return form;
}

std::optional<std::string> Form::get(std::string_view name) const {
  auto found = fields_.find(name);
  if (found == fields_.end()) return std::nullopt;
  return found->second;
}

std::vector<std::string> Form::all(std::string_view name) const {
  std::vector<std::string> values;
  auto [first, last] = fields_.equal_range(name);
  for (auto it = first; it != last; ++it) values.push_back(it->second);
  return values;
}

}  // namespace tafel::http
