#include "i18n/sharing_explanation.h"

namespace tafel::i18n {
namespace {

using sharing::MessageArg;

std::string translate_codes(const Catalog& catalog, std::string_view lang, std::string_view prefix,
                            std::string_view codes) {
  std::string out;
  std::size_t start = 0;
  while (start <= codes.size()) {
    const std::size_t comma = codes.find(',', start);
    const std::string_view code = codes.substr(start, comma == std::string_view::npos ? comma : comma - start);
    if (!code.empty()) {
      if (!out.empty()) out += ", ";
      out += catalog.translate(lang, std::string(prefix) + std::string(code));
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string render(const Catalog& catalog, std::string_view lang, const sharing::Message& message) {
  std::vector<Arg> args;
  args.reserve(message.args.size());
  for (const MessageArg& a : message.args) {
    switch (a.kind) {
      case MessageArg::Kind::text: args.push_back({a.name, a.value}); break;
      case MessageArg::Kind::category_list:
        args.push_back({a.name, translate_codes(catalog, lang, "sharing.category.", a.value)});
        break;
      case MessageArg::Kind::purpose:
        args.push_back({a.name, translate_codes(catalog, lang, "sharing.purpose.", a.value)});
        break;
      case MessageArg::Kind::ground:
        args.push_back({a.name, translate_codes(catalog, lang, "sharing.ground.", a.value)});
        break;
    }
  }
  return catalog.translate(lang, message.key, args);
}

}  // namespace

std::vector<std::string> render_explanation_lines(const sharing::Explanation& e, std::string_view lang,
                                                  const Catalog& catalog) {
  std::vector<std::string> lines;
  lines.push_back(render(catalog, lang, e.headline));
  if (e.permit) {
    if (!e.obligations.empty()) {
      lines.push_back(catalog.translate(lang, "sharing.section.obligations"));
      for (const auto& m : e.obligations) lines.push_back("- " + render(catalog, lang, m));
    }
    lines.push_back(catalog.translate(lang, "sharing.note.never_obliged"));
    return lines;
  }
  if (!e.reasons.empty()) {
    lines.push_back(catalog.translate(lang, "sharing.section.why"));
    for (const auto& m : e.reasons) lines.push_back("- " + render(catalog, lang, m));
  }
  if (e.remedies.empty()) {
    lines.push_back(catalog.translate(lang, "sharing.section.no_remedy"));
  } else {
    lines.push_back(catalog.translate(lang, "sharing.section.remedies"));
    for (const auto& m : e.remedies) lines.push_back("- " + render(catalog, lang, m));
  }
  lines.push_back(catalog.translate(lang, "sharing.note.decline"));
  return lines;
}

std::string render_explanation(const sharing::Explanation& e, std::string_view lang, const Catalog& catalog) {
  std::string out;
  for (const std::string& line : render_explanation_lines(e, lang, catalog)) {
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

}  // namespace tafel::i18n
