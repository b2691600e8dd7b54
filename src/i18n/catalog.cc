#include "i18n/catalog.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <unordered_map>

#include <boost/json.hpp>
#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

namespace tafel::embedded {
std::span<const EmbeddedFile> i18n_catalogs();
}

namespace tafel::i18n {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// ICU MessageFormat objects are costly to build; keep one per pattern and thread.
icu::MessageFormat* compiled(std::string_view lang, const std::string& pattern) {
  thread_local std::unordered_map<std::string, std::unique_ptr<icu::MessageFormat>> cache;
  std::string cache_key = std::string(lang) + '\x1f' + pattern;
  auto it = cache.find(cache_key);
  if (it != cache.end()) return it->second.get();
  UErrorCode status = U_ZERO_ERROR;
  auto format = std::make_unique<icu::MessageFormat>(icu::UnicodeString::fromUTF8(pattern),
                                                     icu::Locale(std::string(lang).c_str()), status);
  if (U_FAILURE(status)) return nullptr;
  return cache.emplace(std::move(cache_key), std::move(format)).first->second.get();
}

}  // namespace

bool is_supported(std::string_view lang) {
  return std::find(std::begin(kLanguages), std::end(kLanguages), lang) != std::end(kLanguages);
}

std::string negotiate(std::string_view header) {
  std::string best(kDefaultLanguage);
  double best_q = -1;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    double q = 1.0;
    size_t semi = item.find(';');
    if (semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      size_t qpos = params.find("q=");
      if (qpos != std::string_view::npos) q = std::atof(std::string(params.substr(qpos + 2)).c_str());
      item = item.substr(0, semi);
    }
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    std::string primary = lower(item.substr(0, item.find('-')));
    if (is_supported(primary) && q > best_q) {
      best = primary;
      best_q = q;
    }
  }
  return best;
}

const Catalog& Catalog::builtin() {
  static const Catalog catalog = [] {
    auto parsed = parse(embedded::i18n_catalogs());
    if (!parsed) {
      std::fprintf(stderr, "tafel: built-in translation catalogs are malformed: %s\n", parsed.error().message.c_str());
      std::abort();
    }
    return std::move(*parsed);
  }();
  return catalog;
}

Result<Catalog> Catalog::parse(std::span<const EmbeddedFile> files) {
  Catalog catalog;
  for (const auto& lang : kLanguages) catalog.messages_[std::string(lang)];
  for (const auto& file : files) {
    std::string_view name = file.path.substr(file.path.rfind('/') + 1);
    if (name.size() < 5 || name.substr(name.size() - 5) != ".json") continue;
    std::string_view stem = name.substr(0, name.size() - 5);
    size_t dot = stem.rfind('.');
    std::string lang(dot == std::string_view::npos ? std::string_view() : stem.substr(dot + 1));
    if (!is_supported(lang)) {
      return fail("invalid_catalog", std::string(file.path) + ": name must be <domain>.<nl|fr|en>.json");
    }
    boost::system::error_code ec;
    boost::json::value doc = boost::json::parse(file.content, ec);
    if (ec || !doc.is_object()) {
      return fail("invalid_catalog", std::string(file.path) + ": not a JSON object");
    }
    auto& messages = catalog.messages_[lang];
    for (const auto& [key, value] : doc.as_object()) {
      if (!value.is_string()) {
        return fail("invalid_catalog", std::string(file.path) + ": value of '" + std::string(key) + "' is not a string");
      }
      auto [it, inserted] = messages.emplace(std::string(key), std::string(value.as_string()));
      if (!inserted) {
        return fail("invalid_catalog", std::string(file.path) + ": key '" + std::string(key) + "' is defined twice");
      }
    }
  }
  return catalog;
}

std::string Catalog::translate(std::string_view lang, std::string_view key, std::initializer_list<Arg> args) const {
  return translate(lang, key, std::vector<Arg>(args));
}

std::string Catalog::translate(std::string_view lang, std::string_view key, const std::vector<Arg>& args) const {
  auto by_lang = messages_.find(lang);
  if (by_lang == messages_.end()) by_lang = messages_.find(kDefaultLanguage);
  auto it = by_lang->second.find(key);
  if (it == by_lang->second.end()) return std::string(key);
  // A pattern without arguments or quotes is its own text (MessageFormat would only
  // copy it through UTF-16 and back): most headings and notes.
  if (it->second.find_first_of("{}'") == std::string::npos) return it->second;
  icu::MessageFormat* format = compiled(by_lang->first, it->second);
  if (format == nullptr) return it->second;
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  names.reserve(args.size());
  values.reserve(args.size());
  for (const auto& arg : args) {
    names.push_back(icu::UnicodeString::fromUTF8(arg.name));
    if (const auto* s = std::get_if<std::string>(&arg.value)) {
      values.emplace_back(icu::UnicodeString::fromUTF8(*s));
    } else {
      values.emplace_back(static_cast<int64_t>(std::get<std::int64_t>(arg.value)));
    }
  }
  icu::UnicodeString out;
  UErrorCode status = U_ZERO_ERROR;
  format->format(names.data(), values.data(), static_cast<int32_t>(values.size()), out, status);
  if (U_FAILURE(status)) return it->second;
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

bool Catalog::has(std::string_view lang, std::string_view key) const {
  auto by_lang = messages_.find(lang);
  return by_lang != messages_.end() && by_lang->second.find(key) != by_lang->second.end();
}

std::vector<std::string> Catalog::missing_keys() const {
  std::set<std::string> all;
  for (const auto& [lang, messages] : messages_) {
    for (const auto& [key, pattern] : messages) all.insert(key);
  }
  std::vector<std::string> missing;
  for (const auto& [lang, messages] : messages_) {
    for (const auto& key : all) {
      if (messages.find(key) == messages.end()) missing.push_back(lang + ":" + key);
    }
  }
  return missing;
}

std::vector<std::string> Catalog::malformed_patterns() const {
  std::vector<std::string> bad;
  for (const auto& [lang, messages] : messages_) {
    for (const auto& [key, pattern] : messages) {
      UErrorCode status = U_ZERO_ERROR;
      icu::MessageFormat format(icu::UnicodeString::fromUTF8(pattern), icu::Locale(lang.c_str()), status);
      if (U_FAILURE(status)) bad.push_back(lang + ":" + key + ": " + u_errorName(status));
    }
  }
  return bad;
}

std::vector<std::string> Catalog::keys(std::string_view lang) const {
  std::vector<std::string> out;
  auto by_lang = messages_.find(lang);
  if (by_lang == messages_.end()) return out;
  for (const auto& [key, pattern] : by_lang->second) out.push_back(key);
  return out;
}

}  // namespace tafel::i18n
