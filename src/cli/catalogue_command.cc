// `tafel catalogue export --hsds FILE` and `tafel catalogue import --hsds FILE
// [--partial]`: the care-offer catalogue (issue 16, docs/care.md) as Open Referral
// HSDS 3.0 JSON (web/care/hsds_codec.h). Both act as the platform operator.
//
// Export writes an array of HSDS `service` objects ("-" for standard output).
// Import reads that, one service, an organization with its services or a
// service_at_location; every refused record is printed on stderr as "PATH: reason".
// With a refusal nothing is imported unless --partial, which imports the rest.
// Exit 0 when imported (with --partial also when some were refused), 1 when
// nothing was imported because of a refusal or the database failed, 2 on a bad
// configuration or an unreadable file.

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <boost/json.hpp>

#include "cli/command.h"
#include "cli/runtime.h"
#include "web/care/care_routes.h"
#include "web/care/hsds_codec.h"

namespace tafel::cli {
namespace {

app::care::Caller operator_caller() {
  return {access::Principal{0, 0, access::Role::platform_admin, true}, {"cli-catalogue", ""}};
}

int run_export(const CLI::App* sub, const ConfigOptions& options, const std::string& file) {
  std::optional<Config> config = resolve_config(sub, options);
  if (!config) return 2;
  auto runtime = open_instance(*config, {}, "catalogue");
  if (!runtime) return 1;
  auto caller = operator_caller();
  boost::json::array document;
  for (std::int64_t after = 0;;) {
    auto page = runtime->catalogue().list(caller, std::nullopt, after, app::care::CataloguePage::kMaxPage);
    if (!page) {
      std::cerr << "tafel catalogue: " << page.error().message << "\n";
      return 1;
    }
    auto services = web::care::with_organisations(runtime->catalogue(), caller, std::move(page->services));
    if (!services) {
      std::cerr << "tafel catalogue: " << services.error().message << "\n";
      return 1;
    }
    for (auto& s : web::care::hsds_services(*services)) document.push_back(std::move(s));
    if (!page->next) break;
    after = *page->next;
  }
  std::string text = boost::json::serialize(document) + "\n";
  if (file == "-") {
    std::cout << text;
  } else {
    std::ofstream out(file, std::ios::binary);
    out << text;
    if (!out) {
      std::cerr << "tafel catalogue: cannot write " << file << "\n";
      return 2;
    }
  }
  std::cerr << "exported " << document.size() << " services\n";
  return 0;
}

int run_import(const CLI::App* sub, const ConfigOptions& options, const std::string& file, bool partial) {
  std::optional<Config> config = resolve_config(sub, options);
  if (!config) return 2;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "tafel catalogue: cannot read " << file << "\n";
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto runtime = open_instance(*config, {}, "catalogue");
  if (!runtime) return 1;
  auto read = web::care::read_hsds(text.str());
  auto report = runtime->catalogue().import(operator_caller(), std::move(read.records), std::move(read.refused), partial);
  if (!report) {
    std::cerr << "tafel catalogue: " << report.error().message << "\n";
    return 1;
  }
  for (const auto& r : report->refused) std::cerr << r.path << ": " << r.reason << "\n";
  if (!report->written) {
    std::cerr << "refused " << report->refused.size() << " records; nothing imported (--partial imports the rest)\n";
    return 1;
  }
  std::cerr << "imported " << report->created << " new and " << report->updated << " updated services, added "
            << report->organisations_added << " organisations, refused " << report->refused.size() << "\n";
  return 0;
}

}  // namespace

void add_catalogue_command(CLI::App& app, Commands& commands) {
  CLI::App* catalogue = app.add_subcommand("catalogue", "The care-offer catalogue as HSDS 3.0 JSON (docs/care.md)");
  catalogue->require_subcommand(1);
  auto options = std::make_shared<ConfigOptions>();
  auto file = std::make_shared<std::string>();
  auto partial = std::make_shared<bool>(false);

  CLI::App* out = catalogue->add_subcommand(
      "export", "Write every service as an array of HSDS 3.0 service objects, with their organization, locations, "
                "contacts, phones, schedules, languages and service areas; capacity in x-tafel-capacity");
  out->add_option("--hsds", *file, "The file to write (- for standard output)")->required();
  add_config_options(out, *options);
  out->callback([out, options, file, &commands] { commands.exit_code = run_export(out, *options, *file); });

  CLI::App* in = catalogue->add_subcommand(
      "import", "Read HSDS 3.0 services (an array, one service, an organization with its services, or a "
                "service_at_location); organisations are found by name or added; a service with an HSDS id "
                "imported before is replaced. Every refused record is reported with its JSON path");
  in->add_option("--hsds", *file, "The file to read")->required();
  in->add_flag("--partial", *partial, "Import the records that pass even when others are refused");
  add_config_options(in, *options);
  in->callback([in, options, file, partial, &commands] {
    commands.exit_code = run_import(in, *options, *file, *partial);
  });
}

}  // namespace tafel::cli
