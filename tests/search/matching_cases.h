#pragma once
// The cases of tests/search/data/matching.txt (language | document | query | match or
// no), read by the matcher's test and by the index test on both engines.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tafel::search::testing {

struct Case {
  int line = 0;          // in data/matching.txt, for messages
  std::string language;  // nl, fr, en or none
  std::string document, query;
  bool match = false;
};

inline std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

inline std::vector<Case> read_cases() {
  std::ifstream in(std::string(TAFEL_SOURCE_DIR) + "/tests/search/data/matching.txt");
  std::vector<Case> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, '|');) fields.push_back(trim(f));
    EXPECT_EQ(fields.size(), 4u) << "data/matching.txt:" << n << ": language | document | query | match or no";
    if (fields.size() == 4) out.push_back({n, fields[0], fields[1], fields[2], fields[3] == "match"});
  }
  return out;
}

}  // namespace tafel::search::testing
