#pragma once
// `tafel bench`: the parent of the product-level benchmarks.
//
// To add a benchmark, write src/cli/bench_<x>.cc (or extend your own command file)
// with `void add_bench_<x>(CLI::App& app, Commands& commands)` that calls
// `bench_command(app)->add_subcommand("<x>", ...)`, and call it from main after the
// other add_*_command lines. bench_command() creates the parent on first use and
// returns the same one afterwards, so the order of registration does not matter.

#include <CLI/CLI.hpp>

namespace tafel::cli {

// The `bench` subcommand of `app`, created on first call.
CLI::App* bench_command(CLI::App& app);

}  // namespace tafel::cli
