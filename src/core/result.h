#pragma once
// Result<T>: the value of an operation that can fail in an expected way.
//
// Expected failures (bad input, a record that does not exist, a refused disclosure
// at the edge) are values, never exceptions. Exceptions are caught at adapter edges
// and turned into an Error there; `assert` is reserved for programmer errors.
//
// tl::expected is used because g++ 12 has std::expected only under -std=c++2b; the
// alias below is the one line to change when the project moves to C++23.

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace tafel {

// A stable, machine-readable code ("not_found", "invalid_input", ...) and a message
// for people. The message never contains personal data: it may reach logs.
struct Error {
  std::string code;
  std::string message;
};

template <typename T>
using Result = tl::expected<T, Error>;

// Builds the failure branch of a Result: `return fail("not_found", "no such table");`
inline tl::unexpected<Error> fail(std::string code, std::string message) {
  return tl::unexpected<Error>(Error{std::move(code), std::move(message)});
}

}  // namespace tafel
