// `tafel search reindex`: rebuilds the search index (issue 14, docs/search.md) from the
// records: every table's minutes, decisions and actions, every situation, contact
// point and agreement. Saving a
// record keeps its documents current (the indexing stores); this is for an index made
// by an older analyzer, or restored without one. On a terminal it shows its progress;
// otherwise it prints one summary line. Exit 0 on success, 1 when the database cannot
// be opened or a write fails, 2 on a bad configuration.

#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/runtime.h"

namespace tafel::cli {
namespace {

int run_reindex(const CLI::App* sub, const ConfigOptions& options) {
  std::optional<Config> config = resolve_config(sub, options);
  if (!config) return 2;
  auto runtime = open_instance(*config, {}, "search");
  if (!runtime) return 1;
  auto tables = runtime->table_store().list(std::nullopt);
  if (!tables) {
    std::cerr << "tafel search: " << tables.error().message << "\n";
    return 1;
  }
  // Situations come in keyset pages, newest first (issue 21).
  std::vector<situations::Situation> all_situations;
  for (std::int64_t before = 0;;) {
    auto page = runtime->situation_store().list(std::nullopt, before, 1000);
    if (!page) {
      std::cerr << "tafel search: " << page.error().message << "\n";
      return 1;
    }
    if (page->empty()) break;
    before = page->back().id;
    for (auto& s : *page) all_situations.push_back(std::move(s));
  }
  auto contact_points = runtime->directory_store().list_contact_points(std::nullopt);
  auto agreements = runtime->agreement_store().list();
  if (!contact_points || !agreements) {
    std::cerr << "tafel search: " << (contact_points ? agreements.error() : contact_points.error()).message << "\n";
    return 1;
  }
  const bool terminal = isatty(STDERR_FILENO) != 0;
  const std::size_t total = tables->size() + all_situations.size() + contact_points->size() + agreements->size();
  std::size_t done = 0;
  auto progress = [&] {
    ++done;
    if (terminal) std::cerr << "\r  reindexing: " << done << " of " << total << " records" << std::flush;
  };
  for (const auto& t : *tables) {
    if (auto ok = app::search::reindex_table(runtime->search_index(), t, runtime->analyzer()); !ok) {
      std::cerr << "\ntafel search: table " << t.id << ": " << ok.error().message << "\n";
      return 1;
    }
    progress();
  }
  for (const auto& s : all_situations) {
    if (auto ok = runtime->search_index().put(app::search::document_of(s, runtime->analyzer())); !ok) {
      std::cerr << "\ntafel search: situation " << s.id << ": " << ok.error().message << "\n";
      return 1;
    }
    progress();
  }
  if (auto ok = app::search::reindex_contact_points(runtime->search_index(), runtime->directory_store(),
                                                     runtime->account_store(), *contact_points, progress);
      !ok) {
    std::cerr << "\ntafel search: contact points: " << ok.error().message << "\n";
    return 1;
  }
  for (const auto& a : *agreements) {
    if (auto ok = runtime->search_index().put(app::search::document_of(a, runtime->analyzer())); !ok) {
      std::cerr << "\ntafel search: agreement " << a.id() << ": " << ok.error().message << "\n";
      return 1;
    }
    progress();
  }
  if (terminal) std::cerr << "\n";
  std::cout << "reindexed " << tables->size() << " tables, " << all_situations.size() << " situations, "
            << contact_points->size() << " contact points and " << agreements->size() << " agreements\n";
  return 0;
}

}  // namespace

void add_search_command(CLI::App& app, Commands& commands) {
  CLI::App* search = app.add_subcommand("search", "The search index (docs/search.md)");
  search->require_subcommand(1);
  auto options = std::make_shared<ConfigOptions>();
  CLI::App* reindex = search->add_subcommand(
      "reindex", "Rebuild the search index from the records: tables' minutes, decisions and actions, situations, contact "
      "points and agreements");
  add_config_options(reindex, *options);
  reindex->callback([reindex, options, &commands] { commands.exit_code = run_reindex(reindex, *options); });
}

}  // namespace tafel::cli
