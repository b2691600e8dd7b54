#pragma once
// Translations: every user-visible string lives in a catalog for nl, fr and en.
//
// Catalogs are JSON files `i18n/<domain>.<lang>.json` at the repository root (one
// flat object: key -> ICU MessageFormat pattern), compiled into the binary. Several
// domains (web, sharing, ...) are merged per language; a key defined twice for one
// language is an error. The language is passed per call: there is no process-global
// locale, so one server answers each request in its own language.

#include <cstdint>
#include <initializer_list>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/embedded_file.h"
#include "core/result.h"

namespace tafel::i18n {

// The languages tafel speaks, in the order shown in the language switch.
inline constexpr std::string_view kLanguages[] = {"nl", "fr", "en"};
inline constexpr std::string_view kDefaultLanguage = "nl";

// True if `lang` is one of kLanguages.
bool is_supported(std::string_view lang);

// The best supported language for an Accept-Language header value ("fr-BE,fr;q=0.9,
// en;q=0.8"), or kDefaultLanguage when none matches.
std::string negotiate(std::string_view accept_language);

// A named argument of a message: text or a number (numbers select plural forms).
struct Arg {
  std::string name;
  std::variant<std::string, std::int64_t> value;
};

class Catalog {
 public:
  // The catalogs compiled into this binary. Aborts at start-up if they are malformed
  // (a build that ships a broken catalog is a programmer error, caught by the tests).
  static const Catalog& builtin();

  // Parses catalog files named "<domain>.<lang>.json". Fails on malformed JSON, a
  // non-string value, a file name without a supported language, or a duplicate key.
  static Result<Catalog> parse(std::span<const EmbeddedFile> files);

  // The message for `key` in `lang`, formatted with ICU MessageFormat. A missing key
  // yields the key itself (visible, never a crash); a malformed pattern yields the
  // raw pattern.
  std::string translate(std::string_view lang, std::string_view key,
                        std::initializer_list<Arg> args = {}) const;
  std::string translate(std::string_view lang, std::string_view key, const std::vector<Arg>& args) const;

  // True if `key` exists in `lang`.
  bool has(std::string_view lang, std::string_view key) const;

  // Keys present in some language but missing in another, as "lang:key" strings.
  std::vector<std::string> missing_keys() const;

  // Patterns that ICU cannot parse, as "lang:key: reason" strings.
  std::vector<std::string> malformed_patterns() const;

  // Every key of `lang`, sorted.
  std::vector<std::string> keys(std::string_view lang) const;

 private:
  // lang -> key -> pattern
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> messages_;
};

}  // namespace tafel::i18n
