// `tafel policy test|lint|eval`: the sharing engine on scenario files
// (docs/sharing-engine.md; format in ../shared/scenarios/README.md).

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "cli/command.h"
#include "core/sharing/explanation.h"
#include "core/sharing/lint.h"
#include "core/sharing/policy.h"
#include "formats/expectation.h"
#include "formats/scenario.h"
#include "formats/timestamp.h"
#include "i18n/catalog.h"
#include "i18n/sharing_explanation.h"

namespace tafel::cli {
namespace {

using namespace tafel::sharing;

constexpr int kExitFailed = 1;
constexpr int kExitMalformed = 2;

int run_test(const std::vector<std::string>& files) {
  int passed = 0, failed = 0;
  bool malformed = false;
  for (const std::string& file : files) {
    auto scenario = formats::load_scenario_file(file);
    if (!scenario) {
      std::cerr << scenario.error().message << "\n";
      malformed = true;
      continue;
    }
    auto policy = Policy::compile(std::move(scenario->world));
    if (!policy) {
      std::cerr << file << ": " << policy.error().message << "\n";
      malformed = true;
      continue;
    }
    for (const auto& sr : scenario->requests) {
      const Decision d = policy->decide(sr.request);
      const auto failures = formats::unmet_expectations(sr, *policy, d);
      for (const std::string& f : failures) {
        std::cout << file << ":" << sr.line << ": " << sr.id << ": " << f << "\n";
      }
      (failures.empty() ? passed : failed) += 1;
    }
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  if (malformed) return kExitMalformed;
  return failed > 0 ? kExitFailed : 0;
}

// A cell of the matrix as letters: see the legend printed above it.
std::string cell_text(const MatrixCell& cell) {
  std::string s;
  if (cell.forbidden) s += 'x';
  if (cell.grounds.has(Ground::not_personal)) s += 'N';
  if (cell.grounds.has(Ground::case_consultation)) s += 'T';
  if (cell.grounds.has(Ground::shared_secrecy)) s += 'S';
  if (cell.grounds.has(Ground::consent)) s += 'C';
  if (cell.grounds.has(Ground::agreement)) s += 'A';
  return s.empty() ? "-" : s;
}

void print_matrix(const World& world, std::ostream& out) {
  const auto rows = sharing_matrix(world);
  out << "\nSharing matrix (agreements read as if in force; art. 458bis and necessity, which can be invoked\n"
         "in any flow with a justification, are left out)\n"
         "  N not personal (aggregate, no person)   T case consultation (in a meeting of the table)\n"
         "  S shared professional secrecy (care relation and consent)   C consent of the person\n"
         "  A agreement rule   x a forbid rule closes S, C and A   - nothing\n";
  if (rows.empty()) {
    out << "  (no agreement, so no parties)\n";
    return;
  }
  std::size_t purpose_width = 0;
  for (auto name : Terms<Purpose>::names) purpose_width = std::max(purpose_width, name.size());
  for (const MatrixRow& row : rows) {
    out << "\n" << world.organisations[row.from].id << " -> " << world.organisations[row.to].id << "\n";
    out << "  " << std::left << std::setw(static_cast<int>(purpose_width)) << "purpose";
    for (auto name : Terms<Category>::names) out << "  " << std::setw(static_cast<int>(name.size())) << name;
    out << "\n";
    for (std::size_t p = 0; p < term_count<Purpose>(); ++p) {
      out << "  " << std::setw(static_cast<int>(purpose_width)) << Terms<Purpose>::names[p];
      for (std::size_t c = 0; c < term_count<Category>(); ++c) {
        out << "  " << std::setw(static_cast<int>(Terms<Category>::names[c].size())) << cell_text(row.cells[p][c]);
      }
      out << "\n";
    }
  }
}

int run_lint(const std::string& file) {
  auto scenario = formats::load_scenario_file(file, {.lint = true});
  if (!scenario) {
    std::cerr << scenario.error().message << "\n";
    return kExitMalformed;
  }
  int errors = 0, warnings = 0;
  for (const auto& issue : scenario->issues) {
    std::cout << file << ":" << issue.line << ": error " << issue.code << ": " << issue.message << "\n";
    ++errors;
  }
  for (const Finding& f : lint_agreements(scenario->world)) {
    const bool error = f.severity == Finding::Severity::error;
    std::cout << file << ":" << f.line << ": " << (error ? "error " : "warning ") << f.code << ": " << f.message
              << "\n";
    (error ? errors : warnings) += 1;
  }
  std::cout << errors << " errors, " << warnings << " warnings\n";
  print_matrix(scenario->world, std::cout);
  return errors > 0 ? kExitFailed : 0;
}

boost::json::array string_array(const std::vector<std::string>& items) {
  boost::json::array out;
  for (const auto& s : items) out.emplace_back(s);
  return out;
}

int run_eval(const std::string& file, const std::string& lang) {
  auto scenario = formats::load_scenario_file(file);
  if (!scenario) {
    std::cerr << scenario.error().message << "\n";
    return kExitMalformed;
  }
  auto policy = Policy::compile(std::move(scenario->world));
  if (!policy) {
    std::cerr << file << ": " << policy.error().message << "\n";
    return kExitMalformed;
  }
  const World& w = policy->world();
  auto id_or_null = [](std::int32_t index, auto&& name) -> boost::json::value {
    if (index == kNone) return nullptr;
    return boost::json::value(name(static_cast<std::size_t>(index)));
  };
  for (const auto& sr : scenario->requests) {
    const Decision d = policy->decide(sr.request);
    boost::json::object o;
    o["file"] = file;
    o["request"] = sr.id;
    o["at"] = formats::format_timestamp(sr.request.at);
    o["decision"] = d.permit ? "permit" : "deny";
    o["ground"] = d.ground ? boost::json::value(std::string(name_of(*d.ground))) : boost::json::value(nullptr);
    o["agreement"] = id_or_null(d.agreement, [&](std::size_t i) { return w.agreements[i].id; });
    o["rule"] = d.agreement == kNone ? boost::json::value(nullptr)
                                     : id_or_null(d.rule, [&](std::size_t i) {
                                         return w.agreements[static_cast<std::size_t>(d.agreement)].rules[i].id;
                                       });
    o["consent"] = id_or_null(d.consent, [&](std::size_t i) { return w.consents[i].id; });
    o["table"] = id_or_null(d.table, [&](std::size_t i) { return w.tables[i].id; });
    o["obligations"] = string_array(policy->obligations(d));
    o["reasons"] = string_array(formats::reason_names(d));
    boost::json::array tried;
    for (const Attempt& a : d.failed()) {
      tried.push_back(boost::json::object{{"ground", std::string(name_of(a.ground))},
                                          {"reason", std::string(name_of(a.reason))}});
    }
    o["failed_grounds"] = std::move(tried);
    o["lang"] = lang;
    o["explanation"] = i18n::render_explanation(explain(*policy, sr.request, d), lang);
    std::cout << boost::json::serialize(o) << "\n";
  }
  return 0;
}

}  // namespace

void add_policy_command(CLI::App& app, Commands& commands) {
  CLI::App* policy = app.add_subcommand("policy", "Test, lint and evaluate information-sharing policies");
  policy->require_subcommand(1);
  // Option values live as long as the callbacks that read them.
  struct Options {
    std::vector<std::string> test_files;
    std::string lint_file;
    std::string eval_file;
    std::string eval_lang = std::string(i18n::kDefaultLanguage);
  };
  auto options = std::make_shared<Options>();

  CLI::App* test = policy->add_subcommand(
      "test",
      "Run every request of every scenario file against its expectations. Prints one line per failed\n"
      "expectation and ends with 'N passed, M failed'. Exit 0: all passed; 1: an expectation failed;\n"
      "2: a file is malformed (FILE:LINE: reason on stderr).");
  test->add_option("files", options->test_files, "Scenario files (YAML)")->required();
  test->callback([&commands, options] { commands.exit_code = run_test(options->test_files); });

  CLI::App* lint = policy->add_subcommand(
      "lint",
      "Check the agreements of a file in the scenario format (requests optional): errors unknown_party,\n"
      "missing_legal_reference, invalid_term; warnings never_applies, shadowed; then the sharing matrix.\n"
      "Exit 0: no errors; 1: errors; 2: the file is malformed.");
  lint->add_option("file", options->lint_file, "Agreement or scenario file (YAML)")->required();
  lint->callback([&commands, options] { commands.exit_code = run_lint(options->lint_file); });

  CLI::App* eval = policy->add_subcommand(
      "eval",
      "Decide every request of a scenario file and print one JSON line per request: the decision,\n"
      "ground, rule, consent, table, obligations, reasons and the explanation in --lang.\n"
      "Exit 0, or 2 when the file is malformed.");
  eval->add_option("file", options->eval_file, "Scenario file (YAML)")->required();
  eval->add_option("--lang", options->eval_lang, "Language of the explanation")
      ->check(CLI::IsMember({"nl", "fr", "en"}))
      ->capture_default_str();
  eval->callback([&commands, options] { commands.exit_code = run_eval(options->eval_file, options->eval_lang); });
}

}  // namespace tafel::cli
