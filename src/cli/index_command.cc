// `tafel index`: the reference index's encodings from the command line (issue 15,
// point 5; docs/index.md).
//
//   tafel index nrn              reads national register or BIS numbers, one per line,
//                                on stdin; prints INPUT<TAB>valid or INPUT<TAB>invalid
//                                per line. Exit 0.
//   tafel index match --csv FILE reads identity pairs (header pair,a_given,a_family,
//                                a_birth,a_place,b_given,b_family,b_birth,b_place in any
//                                order, other columns ignored, dates YYYY-MM-DD, UTF-8),
//                                encodes both sides as the index does, with the index
//                                key of this instance, and prints CSV pair,score,match.
//                                A row that cannot be read is reported on stderr with
//                                its line number and left out; exit 1 when any was, 2
//                                on a usage error or a file that cannot be read.
//
// The index key is derived ("reference-index") from the instance key file in the keys
// directory (--keys-dir, TAFEL_KEYS_DIR or keys_dir in the configuration, default
// keys/instance.key; created when missing, as `tafel serve` does), so the scores are
// those of this instance's index: another instance's key gives other encodings.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "cli/command.h"
#include "core/index/clk.h"
#include "core/index/dice.h"
#include "core/index/match.h"
#include "core/index/national_number.h"
#include "storage/audit_crypto.h"
#include "storage/index/hmac_keyed_hash.h"

namespace tafel::cli {
namespace {

int run_nrn() {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::cout << line << '\t' << (index::is_valid_national_number(line) ? "valid" : "invalid") << '\n';
  }
  return 0;
}

// One CSV record and the line it starts on.
struct Record {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

// RFC 4180: fields separated by commas, optionally quoted ("" is a quote inside quotes;
// a quoted field may span lines); CRLF or LF. Fails on an unterminated quote.
Result<std::vector<Record>> parse_csv(const std::string& text) {
  std::vector<Record> records;
  Record current{1, {}};
  std::string field;
  std::size_t line = 1;
  bool quoted = false, any = false;
  std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;  // a byte order mark
  auto end_record = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
    if (!(current.fields.size() == 1 && current.fields[0].empty())) records.push_back(std::move(current));
    current = Record{line, {}};
    any = false;
  };
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      quoted = true;
      any = true;
    } else if (c == ',') {
      current.fields.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n') {
      ++line;
      end_record();
    } else if (c != '\r') {
      field.push_back(c);
      any = true;
    }
  }
  if (quoted) return fail("invalid_csv", "line " + std::to_string(current.line) + ": a quoted field is not closed");
  if (any || !field.empty()) end_record();
  return records;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

struct MatchOptions {
  ConfigOptions config;
  std::string csv;
  double certain = index::Thresholds{}.certain;
  double possible = index::Thresholds{}.possible;
};

int run_match(const CLI::App* sub, const MatchOptions& options) {
  auto thresholds = index::validate({options.certain, options.possible});
  if (!thresholds) {
    std::cerr << "tafel index match: " << thresholds.error().message << "\n";
    return 2;
  }
  std::ifstream in(options.csv, std::ios::binary);
  if (!in) {
    std::cerr << "tafel index match: cannot read " << options.csv << "\n";
    return 2;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto records = parse_csv(buffer.str());
  if (!records) {
    std::cerr << "tafel index match: " << options.csv << ": " << records.error().message << "\n";
    return 2;
  }
  static const char* kColumns[] = {"pair",    "a_given", "a_family", "a_birth", "a_place",
                                   "b_given", "b_family", "b_birth", "b_place"};
  if (records->empty()) {
    std::cerr << "tafel index match: " << options.csv << ": no header line\n";
    return 2;
  }
  std::map<std::string, std::size_t> column;
  const auto& header = records->front().fields;
  for (std::size_t c = 0; c < header.size(); ++c) column.emplace(header[c], c);
  std::vector<std::size_t> at;
  for (const char* name : kColumns) {
    auto it = column.find(name);
    if (it == column.end()) {
      std::cerr << "tafel index match: " << options.csv << ": line 1: the header has no column " << name
                << " (needed: pair,a_given,a_family,a_birth,a_place,b_given,b_family,b_birth,b_place)\n";
      return 2;
    }
    at.push_back(it->second);
  }

  std::optional<Config> config = resolve_config(sub, options.config);
  if (!config) return 2;
  auto key_path = instance_key_path(*config);
  if (!key_path) {
    std::cerr << "tafel index match: " << key_path.error().message << "\n";
    return 2;
  }
  auto key = storage::AuditKey::load_or_create(*key_path);
  if (!key) {
    std::cerr << "tafel index match: " << key.error().message << "\n";
    return 2;
  }
  const storage::HmacKeyedHash hash(key->derive_key(storage::kReferenceIndexKeyPurpose));

  int errors = 0;
  std::cout << "pair,score,match\n";
  for (std::size_t r = 1; r < records->size(); ++r) {
    const Record& record = (*records)[r];
    auto get = [&](std::size_t k) -> const std::string& {
      static const std::string kEmpty;
      return at[k] < record.fields.size() ? record.fields[at[k]] : kEmpty;
    };
    auto report = [&](const std::string& what) {
      std::cerr << "tafel index match: " << options.csv << ": line " << record.line << ": " << what << "\n";
      ++errors;
    };
    if (record.fields.size() < header.size()) {
      report("has " + std::to_string(record.fields.size()) + " fields, the header " + std::to_string(header.size()));
      continue;
    }
    const index::Identity a{get(1), get(2), get(3), get(4)};
    const index::Identity b{get(5), get(6), get(7), get(8)};
    auto ea = index::encode_clk(a, hash);
    auto eb = index::encode_clk(b, hash);
    if (!ea || !eb) {
      report(std::string(!ea ? "a: " : "b: ") + (!ea ? ea.error() : eb.error()).message);
      continue;
    }
    const double score = index::dice(*ea, *eb);
    char formatted[16];
    std::snprintf(formatted, sizeof formatted, "%.4f", score);
    std::cout << csv_field(get(0)) << ',' << formatted << ',' << index::name_of(index::classify(score, *thresholds))
              << '\n';
  }
  return errors == 0 ? 0 : 1;
}

}  // namespace

void add_index_command(CLI::App& app, Commands& commands) {
  CLI::App* index = app.add_subcommand("index", "The reference index's encodings (docs/index.md)");
  index->require_subcommand(1);

  CLI::App* nrn = index->add_subcommand(
      "nrn", "Check national register and BIS numbers read one per line on stdin (85.07.30-033.28, 850730 033 28 or "
             "85073003328); print INPUT<TAB>valid or INPUT<TAB>invalid per line");
  nrn->callback([&commands] { commands.exit_code = run_nrn(); });

  auto options = std::make_shared<MatchOptions>();
  CLI::App* match = index->add_subcommand(
      "match",
      "Score identity pairs as the index does: --csv FILE with the header pair,a_given,a_family,a_birth,a_place,"
      "b_given,b_family,b_birth,b_place (other columns ignored; dates YYYY-MM-DD; UTF-8); prints CSV "
      "pair,score,match with match certain, possible or none. The index key is derived from the instance key file "
      "in the keys directory (--keys-dir, TAFEL_KEYS_DIR, keys_dir; default keys/instance.key, created when "
      "missing), so the scores are this instance's. Rows that cannot be read are reported on stderr with their "
      "line number (exit 1)");
  add_config_options(match, options->config);
  match->add_option("--csv", options->csv, "The pairs, a CSV file")->required();
  match->add_option("--certain", options->certain, "Lowest Dice score of a certain match")->capture_default_str();
  match->add_option("--possible", options->possible, "Lowest Dice score of a possible match")->capture_default_str();
  match->callback([match, options, &commands] { commands.exit_code = run_match(match, *options); });
}

}  // namespace tafel::cli
