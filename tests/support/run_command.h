#pragma once
// Runs a command line through the shell for tests of the `tafel` binary: its exit
// code and its standard output (the caller redirects stderr in the command: 2>&1 to
// capture it, 2>/dev/null to drop it).

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace tafel::test_support {

struct CommandOutcome {
  int exit_code = -1;  // -1 when the command could not start or did not exit normally
  std::string output;
};

inline CommandOutcome run_command(const std::string& command) {
  CommandOutcome run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return run;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, n);
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace tafel::test_support
