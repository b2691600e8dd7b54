#include "core/agreement/canonical.h"

#include <charconv>
#include <cstdint>
#include <span>

namespace tafel::agreement {
namespace {

constexpr std::string_view kFormat = "tafel-agreement 1";

class Writer {
 public:
  void field(std::string_view name, std::string_view value) {
    out_ += name;
    out_ += ' ';
    out_ += std::to_string(value.size());
    out_ += ':';
    out_ += value;
    out_ += '\n';
  }
  void number(std::string_view name, std::int64_t value) { field(name, std::to_string(value)); }
  template <typename E>
  void terms(std::string_view name, sharing::TermSet<E> set) {
    std::string joined;
    set.for_each([&](E v) {
      if (!joined.empty()) joined += ',';
      joined += sharing::name_of(v);
    });
    field(name, joined);
  }
  void list(std::string_view name, const std::vector<std::string>& items) {
    number(name, static_cast<std::int64_t>(items.size()));
    for (const auto& item : items) field("-", item);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  Result<std::string> field(std::string_view name) {
    if (in_.size() < name.size() + 1 || in_.substr(0, name.size()) != name || in_[name.size()] != ' ') {
      return bad("expected field " + std::string(name));
    }
    in_.remove_prefix(name.size() + 1);
    std::size_t length = 0;
    auto [end, ec] = std::from_chars(in_.data(), in_.data() + in_.size(), length);
    if (ec != std::errc() || end == in_.data() || *end != ':') return bad("bad length of " + std::string(name));
    in_.remove_prefix(static_cast<std::size_t>(end - in_.data()) + 1);
    if (length >= in_.size() || in_[length] != '\n') return bad("truncated field " + std::string(name));
    std::string value(in_.substr(0, length));
    in_.remove_prefix(length + 1);
    return value;
  }
  Result<std::int64_t> number(std::string_view name) {
    auto text = field(name);
    if (!text) return tl::unexpected(text.error());
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (text->empty() || ec != std::errc() || end != text->data() + text->size()) {
      return bad("bad number in " + std::string(name));
    }
    return v;
  }
  Result<std::size_t> count(std::string_view name, std::size_t max) {
    auto n = number(name);
    if (!n) return tl::unexpected(n.error());
    if (*n < 0 || static_cast<std::uint64_t>(*n) > max) return bad("count out of range in " + std::string(name));
    return static_cast<std::size_t>(*n);
  }
  template <typename E>
  Result<sharing::TermSet<E>> terms(std::string_view name) {
    auto text = field(name);
    if (!text) return tl::unexpected(text.error());
    sharing::TermSet<E> set;
    std::string_view rest = *text;
    while (!rest.empty()) {
      auto comma = rest.find(',');
      auto term = sharing::parse_term<E>(rest.substr(0, comma));
      if (!term) return bad("unknown term in " + std::string(name));
      set.add(*term);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
      if (rest.empty()) return bad("empty term in " + std::string(name));
    }
    return set;
  }
  template <typename E>
  Result<E> term(std::string_view name) {
    auto text = field(name);
    if (!text) return tl::unexpected(text.error());
    auto v = sharing::parse_term<E>(*text);
    if (!v) return bad("unknown term in " + std::string(name));
    return *v;
  }
  Result<std::vector<std::string>> list(std::string_view name) {
    auto n = count(name, kMaxListItems);
    if (!n) return tl::unexpected(n.error());
    std::vector<std::string> items;
    for (std::size_t i = 0; i < *n; ++i) {
      auto item = field("-");
      if (!item) return tl::unexpected(item.error());
      items.push_back(std::move(*item));
    }
    return items;
  }
  bool done() const { return in_.empty(); }

  static tl::unexpected<Error> bad(std::string message) { return fail("corrupt_agreement", std::move(message)); }

 private:
  std::string_view in_;
};

// Unwraps a Result inside parse_canonical, returning its error from the function.
#define TAFEL_TAKE(var, expr)                        \
  auto var##_result = (expr);                        \
  if (!var##_result) return tl::unexpected(var##_result.error()); \
  auto var = std::move(*var##_result)

}  // namespace

std::string canonical_bytes(const Document& d) {
  Writer w;
  w.field("format", kFormat);
  w.field("title", d.title);
  w.number("valid_from", d.valid_from);
  w.number("valid_until", d.valid_until);
  w.number("review_date", d.review_date);
  w.number("parties", static_cast<std::int64_t>(d.parties.size()));
  for (const auto& p : d.parties) {
    w.field("organisation", p.organisation);
    w.field("finality", p.finality);
    w.list("roles", p.roles);
    w.list("tasks", p.tasks);
  }
  w.number("rules", static_cast<std::int64_t>(d.rules.size()));
  for (const auto& r : d.rules) {
    w.field("rule", r.id);
    w.field("effect", sharing::name_of(r.effect));
    w.list("from", r.from);
    w.list("to", r.to);
    w.terms("categories", r.categories);
    w.terms("purposes", r.purposes);
    w.terms("grounds", r.grounds);
    w.field("legal_reference", r.legal_reference);
    w.list("obligations", r.obligations);
  }
  w.number("retention", static_cast<std::int64_t>(d.retention.size()));
  for (const auto& r : d.retention) {
    w.field("category", sharing::name_of(r.category));
    w.number("days", r.days);
  }
  return w.take();
}

Result<Document> parse_canonical(std::string_view bytes) {
  Reader in(bytes);
  Document d;
  TAFEL_TAKE(format, in.field("format"));
  if (format != kFormat) return Reader::bad("unknown format");
  TAFEL_TAKE(title, in.field("title"));
  d.title = std::move(title);
  TAFEL_TAKE(from, in.number("valid_from"));
  TAFEL_TAKE(until, in.number("valid_until"));
  TAFEL_TAKE(review, in.number("review_date"));
  d.valid_from = from;
  d.valid_until = until;
  d.review_date = review;
  TAFEL_TAKE(parties, in.count("parties", kMaxParties));
  for (std::size_t i = 0; i < parties; ++i) {
    Party p;
    TAFEL_TAKE(org, in.field("organisation"));
    TAFEL_TAKE(finality, in.field("finality"));
    TAFEL_TAKE(roles, in.list("roles"));
    TAFEL_TAKE(tasks, in.list("tasks"));
    p.organisation = std::move(org);
    p.finality = std::move(finality);
    p.roles = std::move(roles);
    p.tasks = std::move(tasks);
    d.parties.push_back(std::move(p));
  }
  TAFEL_TAKE(rules, in.count("rules", kMaxRules));
  for (std::size_t i = 0; i < rules; ++i) {
    RuleText r;
    TAFEL_TAKE(id, in.field("rule"));
    TAFEL_TAKE(effect, in.term<sharing::Effect>("effect"));
    TAFEL_TAKE(rule_from, in.list("from"));
    TAFEL_TAKE(rule_to, in.list("to"));
    TAFEL_TAKE(categories, in.terms<sharing::Category>("categories"));
    TAFEL_TAKE(purposes, in.terms<sharing::Purpose>("purposes"));
    TAFEL_TAKE(grounds, in.terms<sharing::Ground>("grounds"));
    TAFEL_TAKE(legal, in.field("legal_reference"));
    TAFEL_TAKE(obligations, in.list("obligations"));
    r.id = std::move(id);
    r.effect = effect;
    r.from = std::move(rule_from);
    r.to = std::move(rule_to);
    r.categories = categories;
    r.purposes = purposes;
    r.grounds = grounds;
    r.legal_reference = std::move(legal);
    r.obligations = std::move(obligations);
    d.rules.push_back(std::move(r));
  }
  TAFEL_TAKE(retention, in.count("retention", sharing::term_count<sharing::Category>()));
  for (std::size_t i = 0; i < retention; ++i) {
    TAFEL_TAKE(category, in.term<sharing::Category>("category"));
    TAFEL_TAKE(days, in.number("days"));
    if (days < 0 || days > 36500) return Reader::bad("retention days out of range");
    d.retention.push_back(Retention{category, static_cast<std::int32_t>(days)});
  }
  if (!in.done()) return Reader::bad("trailing bytes");
  return d;
}

#undef TAFEL_TAKE

std::string version_hash(const Document& document, core::audit::Sha256 sha256) {
  std::string bytes = canonical_bytes(document);
  auto hash = sha256(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  return core::audit::to_hex(hash);
}

}  // namespace tafel::agreement
