// `tafel index nrn` and `tafel index match` through the real binary (issue 15, point
// 5): what a user piping numbers or a CSV file receives, line by line.

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class IndexCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(TAFEL_BINARY)) << TAFEL_BINARY << " is missing: build the tafel target";
    dir_ = fs::temp_directory_path() / ("tafel-index-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Outcome run(const std::string& args, const std::string& stdin_text = "") {
    std::ofstream(dir_ / "stdin") << stdin_text;
    const std::string command = std::string(TAFEL_BINARY) + " " + args + " <" + (dir_ / "stdin").string() + " >" +
                                (dir_ / "stdout").string() + " 2>" + (dir_ / "stderr").string();
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir_ / "stdout"), slurp(dir_ / "stderr")};
  }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }
  std::string keys() const { return "--keys-dir " + (dir_ / "keys").string(); }

  fs::path dir_;
};

TEST_F(IndexCliTest, NrnPrintsEachInputWithItsVerdict) {
  auto r = run("index nrn", "85.07.30-033.28\n850730 033 28\n85073003328\n85073003329\nhello\n\n00.01.01-001.05\r\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "85.07.30-033.28\tvalid\n"
            "850730 033 28\tvalid\n"
            "85073003328\tvalid\n"
            "85073003329\tinvalid\n"
            "hello\tinvalid\n"
            "\tinvalid\n"
            "00.01.01-001.05\tvalid\n");  // born 2000: 2 before the modulo; CRLF tolerated
}

TEST_F(IndexCliTest, MatchScoresEachPairWithExtraColumnsIgnored) {
  const auto csv = write("pairs.csv",
                         "note,pair,a_given,a_family,a_birth,a_place,b_given,b_family,b_birth,b_place\n"
                         "x,same,Jan,Van den Bossche,1985-07-30,Brussel,JAN,Vandenbossche,1985-07-30,Bruxelles\n"
                         "y,swapped,Éloïse,Peeters-Janssens,2001-02-03,,Janssens Peeters,Eloise,2001-02-03,\n"
                         "z,\"strangers, really\",Sofie,Claes,1972-01-15,Hasselt,Ahmed,El Idrissi,1962-10-07,Luik\n"
                         "w,typo,Katrien,Vermeulen,1979-11-23,Gent,Katrein,Vermeulen,1979-11-23,Gent\n");
  auto r = run("index match --csv " + csv + " " + keys());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::vector<std::string> rows;
  while (std::getline(lines, line)) rows.push_back(line);
  ASSERT_EQ(rows.size(), 5u) << r.out;
  EXPECT_EQ(rows[0], "pair,score,match");
  EXPECT_EQ(rows[1], "same,1.0000,certain");
  EXPECT_EQ(rows[2].substr(0, 8), "swapped,");
  EXPECT_EQ(rows[2].substr(rows[2].rfind(',') + 1), "certain");
  EXPECT_EQ(rows[3].substr(0, 20), "\"strangers, really\",");
  EXPECT_EQ(rows[3].substr(rows[3].rfind(',') + 1), "none");
  const std::string typo_match = rows[4].substr(rows[4].rfind(',') + 1);
  EXPECT_TRUE(typo_match == "certain" || typo_match == "possible") << rows[4];
  // The key file was made in the keys directory given, and the scores are stable with it.
  EXPECT_TRUE(fs::exists(dir_ / "keys" / "instance.key"));
  EXPECT_EQ(run("index match --csv " + csv + " " + keys()).out, r.out);
}

TEST_F(IndexCliTest, MatchReportsBadRowsWithTheirLineNumbers) {
  const auto csv = write("bad.csv",
                         "pair,a_given,a_family,a_birth,a_place,b_given,b_family,b_birth,b_place\n"
                         "1,Jan,Peeters,1985-02-30,,Jan,Peeters,1985-02-28,\n"
                         "2,Jan,Peeters\n"
                         "3,,Peeters,1985-02-28,,Jan,Peeters,1985-02-28,\n"
                         "4,Jan,Peeters,28/02/1985,,Jan,Peeters,1985-02-28,\n"
                         "5,An,Maes,2001-02-03,,An,Maes,2001-02-03,\n"
                         "\xFF\xFE,\xC3,\xE2\x82,1985-02-28,,Jan,Peeters,1985-02-28,\n");
  auto r = run("index match --csv " + csv + " " + keys());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("line 2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 4:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 5:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 7:"), std::string::npos) << r.err;  // no letters in the names
  EXPECT_EQ(r.out, "pair,score,match\n5,1.0000,certain\n");
}

TEST_F(IndexCliTest, MatchRefusesAFileWithoutTheHeaderOrAnUnclosedQuote) {
  auto no_header = run("index match --csv " + write("h.csv", "pair,a_given\n1,Jan\n") + " " + keys());
  EXPECT_EQ(no_header.exit_code, 2);
  EXPECT_NE(no_header.err.find("a_family"), std::string::npos) << no_header.err;
  auto unclosed = run("index match --csv " +
                      write("q.csv", "pair,a_given,a_family,a_birth,a_place,b_given,b_family,b_birth,b_place\n\"1,Jan\n") +
                      " " + keys());
  EXPECT_EQ(unclosed.exit_code, 2);
  EXPECT_NE(unclosed.err.find("line 2"), std::string::npos) << unclosed.err;
  EXPECT_EQ(run("index match --csv " + (dir_ / "missing.csv").string() + " " + keys()).exit_code, 2);
  EXPECT_EQ(run("index match --csv " + write("e.csv", "") + " " + keys()).exit_code, 2);
  EXPECT_EQ(run("index match --csv " + write("t.csv", "pair\n") + " --certain 0.5 --possible 0.9 " + keys()).exit_code,
            2);
}

}  // namespace
