#include "cli/config.h"

#include <cstdlib>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace tafel::cli {
namespace {

template <typename T>
Result<void> read(const toml::table& table, std::string_view key, T& out, const std::string& path) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return {};
  if constexpr (std::is_same_v<T, std::string>) {
    if (auto v = node->value<std::string>()) {
      out = *v;
      return {};
    }
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    if (const toml::array* items = node->as_array()) {
      std::vector<std::string> values;
      for (const auto& item : *items) {
        auto v = item.value<std::string>();
        if (!v) break;
        values.push_back(*v);
      }
      if (values.size() == items->size()) {
        out = std::move(values);
        return {};
      }
    }
  } else if constexpr (std::is_same_v<T, bool>) {
    if (auto v = node->value<bool>()) {
      out = *v;
      return {};
    }
  } else {
    if (auto v = node->value<int64_t>(); v && *v >= 0) {
      out = static_cast<T>(*v);
      return {};
    }
  }
  std::ostringstream msg;
  msg << path << ":" << node->source().begin.line << ": '" << key << "' has the wrong type";
  return fail("invalid_config", msg.str());
}

// The [consent] table: minor_own_consent_age, 12 or 16.
Result<void> read_consent(const toml::table& root, Config::Consent& consent, const std::string& path) {
  const toml::node* node = root.get("consent");
  if (node == nullptr) return {};
  const toml::table* table = node->as_table();
  std::string line = path + ":" + std::to_string(node->source().begin.line);
  if (table == nullptr) return fail("invalid_config", line + ": 'consent' must be a table");
  for (const auto& [key, value] : *table) {
    if (key.str() != "minor_own_consent_age") {
      return fail("invalid_config", path + ":" + std::to_string(value.source().begin.line) +
                                        ": unknown key 'consent." + std::string(key.str()) + "'");
    }
  }
  if (auto r = read(*table, "minor_own_consent_age", consent.minor_own_consent_age, path); !r) return r;
  if (consent.minor_own_consent_age != 12 && consent.minor_own_consent_age != 16) {
    return fail("invalid_config", line + ": consent.minor_own_consent_age must be 12 or 16");
  }
  return {};
}

// The [index] table: thresholds, periods and statutory bases of the reference index.
Result<void> read_index(const toml::table& root, Config::Index& index, const std::string& path) {
  const toml::node* node = root.get("index");
  if (node == nullptr) return {};
  const toml::table* table = node->as_table();
  const std::string line = path + ":" + std::to_string(node->source().begin.line);
  if (table == nullptr) return fail("invalid_config", line + ": 'index' must be a table");
  static const std::set<std::string, std::less<>> known = {"certain_threshold", "possible_threshold",
                                                           "active_months", "inactive_months", "statutes"};
  for (const auto& [key, value] : *table) {
    if (!known.contains(key.str())) {
      return fail("invalid_config", path + ":" + std::to_string(value.source().begin.line) + ": unknown key 'index." +
                                        std::string(key.str()) + "'");
    }
  }
  auto number = [&](std::string_view key, std::optional<double>& out) -> Result<void> {
    const toml::node* n = table->get(key);
    if (n == nullptr) return {};
    auto v = n->value<double>();  // an integer (1) reads as a number too
    if (!v || *v <= 0 || *v > 1) return fail("invalid_config", line + ": index." + std::string(key) + " must be in (0, 1]");
    out = *v;
    return {};
  };
  auto months = [&](std::string_view key, std::optional<int>& out) -> Result<void> {
    const toml::node* n = table->get(key);
    if (n == nullptr) return {};
    auto v = n->value<std::int64_t>();
    if (!v || *v < 1 || *v > 1200) return fail("invalid_config", line + ": index." + std::string(key) + " must be 1 to 1200");
    out = static_cast<int>(*v);
    return {};
  };
  Result<void> r;
  if (!(r = number("certain_threshold", index.certain))) return r;
  if (!(r = number("possible_threshold", index.possible))) return r;
  if (index.certain && index.possible && *index.possible > *index.certain) {
    return fail("invalid_config", line + ": index.possible_threshold must not exceed index.certain_threshold");
  }
  if (!(r = months("active_months", index.active_months))) return r;
  if (!(r = months("inactive_months", index.inactive_months))) return r;
  if (const toml::node* n = table->get("statutes")) {
    // statutes = [{ key = "youth_care_decree", label = "..." }, ...]
    const toml::array* items = n->as_array();
    const std::string bad = line + ": index.statutes must be a list of { key = \"...\", label = \"...\" }";
    if (items == nullptr || items->empty()) return fail("invalid_config", bad);
    std::vector<std::pair<std::string, std::string>> statutes;
    for (const auto& item : *items) {
      const toml::table* t = item.as_table();
      if (t == nullptr) return fail("invalid_config", bad);
      auto key = t->get("key") ? t->get("key")->value<std::string>() : std::nullopt;
      auto label = t->get("label") ? t->get("label")->value<std::string>() : std::nullopt;
      if (!key || !label || key->empty() || label->empty()) return fail("invalid_config", bad);
      statutes.emplace_back(*key, *label);
    }
    index.statutes = std::move(statutes);
  }
  return {};
}

// The [mail] table: only known keys, each of the right type.
Result<void> read_mail(const toml::table& root, Config::Mail& mail, const std::string& path) {
  const toml::node* node = root.get("mail");
  if (node == nullptr) return {};
  const toml::table* table = node->as_table();
  if (table == nullptr) {
    return fail("invalid_config", path + ":" + std::to_string(node->source().begin.line) + ": 'mail' must be a table");
  }
  static const std::set<std::string, std::less<>> known = {"smtp_url",        "from",             "username",
                                                           "password_file",   "public_url",       "interval_seconds",
                                                           "timeout_seconds", "allow_plaintext_auth"};
  for (const auto& [key, value] : *table) {
    if (!known.contains(key.str())) {
      return fail("invalid_config", path + ":" + std::to_string(value.source().begin.line) + ": unknown key 'mail." +
                                        std::string(key.str()) + "'");
    }
  }
  Result<void> r;
  if (!(r = read(*table, "smtp_url", mail.smtp_url, path))) return r;
  if (!(r = read(*table, "from", mail.from, path))) return r;
  if (!(r = read(*table, "username", mail.username, path))) return r;
  if (!(r = read(*table, "password_file", mail.password_file, path))) return r;
  if (!(r = read(*table, "allow_plaintext_auth", mail.allow_plaintext_auth, path))) return r;
  if (!(r = read(*table, "public_url", mail.public_url, path))) return r;
  if (!(r = read(*table, "interval_seconds", mail.interval_seconds, path))) return r;
  if (!(r = read(*table, "timeout_seconds", mail.timeout_seconds, path))) return r;
  if (mail.interval_seconds < 1 || mail.timeout_seconds < 1) {
    return fail("invalid_config", path + ": mail.interval_seconds and mail.timeout_seconds must be at least 1");
  }
  return {};
}

}  // namespace

Result<void> load_toml_file(const std::string& path, Config& config) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << path << ":" << e.source().begin.line << ": " << e.description();
    return fail("invalid_config", msg.str());
  }
  static const std::set<std::string, std::less<>> known = {
      "database", "keys_dir", "listen", "tls_certificate", "tls_key", "trusted_proxies", "threads", "log_level",
      "max_header_bytes", "max_body_bytes", "read_timeout_seconds", "idle_timeout_seconds", "demo",
      "max_connections", "shutdown_timeout_seconds", "mail", "consent", "index"};
  for (const auto& [key, node] : table) {
    if (!known.contains(key.str())) {
      std::ostringstream msg;
      msg << path << ":" << node.source().begin.line << ": unknown key '" << key.str() << "'";
      return fail("invalid_config", msg.str());
    }
  }
  Result<void> r;
  if (!(r = read(table, "database", config.database, path))) return r;
  if (!(r = read(table, "keys_dir", config.keys_dir, path))) return r;
  if (!(r = read(table, "listen", config.listen, path))) return r;
  if (!(r = read(table, "tls_certificate", config.tls_certificate, path))) return r;
  if (!(r = read(table, "tls_key", config.tls_key, path))) return r;
  if (!(r = read(table, "trusted_proxies", config.trusted_proxies, path))) return r;
  if (!(r = read(table, "threads", config.threads, path))) return r;
  if (!(r = read(table, "log_level", config.log_level, path))) return r;
  if (!(r = read(table, "max_header_bytes", config.max_header_bytes, path))) return r;
  if (!(r = read(table, "max_body_bytes", config.max_body_bytes, path))) return r;
  if (!(r = read(table, "read_timeout_seconds", config.read_timeout_seconds, path))) return r;
  if (!(r = read(table, "idle_timeout_seconds", config.idle_timeout_seconds, path))) return r;
  if (!(r = read(table, "demo", config.demo, path))) return r;
  if (!(r = read(table, "max_connections", config.max_connections, path))) return r;
  if (!(r = read(table, "shutdown_timeout_seconds", config.shutdown_timeout_seconds, path))) return r;
  if (!(r = read_mail(table, config.mail, path))) return r;
  if (!(r = read_consent(table, config.consent, path))) return r;
  if (!(r = read_index(table, config.index, path))) return r;
  return {};
}

Result<void> apply_environment(Config& config) {
  auto text = [](const char* name, std::string& out) {
    if (const char* v = std::getenv(name)) out = v;
  };
  text("TAFEL_DATABASE", config.database);
  text("TAFEL_KEYS_DIR", config.keys_dir);
  text("TAFEL_LISTEN", config.listen);
  text("TAFEL_TLS_CERTIFICATE", config.tls_certificate);
  text("TAFEL_TLS_KEY", config.tls_key);
  if (const char* v = std::getenv("TAFEL_TRUSTED_PROXIES")) {
    config.trusted_proxies.clear();
    std::string_view list = v;
    while (!list.empty()) {
      auto comma = list.find(',');
      std::string item(list.substr(0, comma));
      item.erase(0, item.find_first_not_of(' '));
      item.erase(item.find_last_not_of(' ') + 1);
      if (!item.empty()) config.trusted_proxies.push_back(item);
      list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
  }
  text("TAFEL_LOG_LEVEL", config.log_level);
  if (const char* v = std::getenv("TAFEL_THREADS")) {
    char* end = nullptr;
    long n = std::strtol(v, &end, 10);
    if (*v == '\0' || *end != '\0' || n < 0 || n > 1024) return fail("invalid_config", "TAFEL_THREADS must be a number from 0 to 1024");
    config.threads = static_cast<int>(n);
  }
  if (const char* v = std::getenv("TAFEL_DEMO")) {
    std::string s = v;
    if (s == "1" || s == "true") config.demo = true;
    else if (s == "0" || s == "false" || s.empty()) config.demo = false;
    else return fail("invalid_config", "TAFEL_DEMO must be true or false");
  }
  text("TAFEL_MAIL_SMTP_URL", config.mail.smtp_url);
  text("TAFEL_MAIL_FROM", config.mail.from);
  text("TAFEL_MAIL_USERNAME", config.mail.username);
  text("TAFEL_MAIL_PASSWORD_FILE", config.mail.password_file);
  text("TAFEL_MAIL_PUBLIC_URL", config.mail.public_url);
  if (const char* v = std::getenv("TAFEL_MAIL_INTERVAL_SECONDS")) {
    char* end = nullptr;
    long n = std::strtol(v, &end, 10);
    if (*v == '\0' || *end != '\0' || n < 1 || n > 86400) {
      return fail("invalid_config", "TAFEL_MAIL_INTERVAL_SECONDS must be a number from 1 to 86400");
    }
    config.mail.interval_seconds = static_cast<int>(n);
  }
  return {};
}

}  // namespace tafel::cli
