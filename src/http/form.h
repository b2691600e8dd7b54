#pragma once
// The fields of an HTML form posted as application/x-www-form-urlencoded.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tafel::http {

class Form {
 public:
  // Parses `body` under the rules of query strings (src/http/target.h): '+' is a
  // space, percent-escapes are decoded, the result must be UTF-8 without NUL. Fails
  // with "bad_form" without repeating the body (it may carry personal data).
  static Result<Form> parse(std::string_view body);

  // The first value of `name`, or nullopt when the field is absent.
  std::optional<std::string> get(std::string_view name) const;
  // The first value of `name`, or "" when absent.
  std::string value(std::string_view name) const { return get(name).value_or(""); }
  // Every value of `name` in order (checkboxes, multi-selects).
  std::vector<std::string> all(std::string_view name) const;

 private:
  std::multimap<std::string, std::string, std::less<>> fields_;
};

}  // namespace tafel::http
