#include "cli/scratch_database.h"

#include <chrono>
#include <cstdio>

#include <soci/soci.h>

namespace tafel::cli {

namespace {

// `url` with its database (the path) replaced by `name`.
std::string with_database(const std::string& url, const std::string& name) {
  std::size_t scheme = url.find("://");
  std::size_t query = url.find('?', scheme + 3);
  std::size_t path = url.find('/', scheme + 3);
  if (path != std::string::npos && query != std::string::npos && path > query) path = std::string::npos;
  std::size_t end = path != std::string::npos ? path : (query != std::string::npos ? query : url.size());
  return url.substr(0, end) + "/" + name + (query == std::string::npos ? std::string() : url.substr(query));
}

}  // namespace

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::create(const std::string& server_url,
                                                                 const std::string& tag, std::size_t pool,
                                                                 bool keep) {
  auto s = std::unique_ptr<ScratchDatabase>(new ScratchDatabase());
  s->keep_ = keep;
  const std::string unique =
      std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1'000'000'000);
  if (server_url.empty()) {
    s->dir_ = std::filesystem::temp_directory_path() / ("tafel-bench-" + tag + "-" + unique);
    std::filesystem::create_directories(s->dir_);
    s->url_ = (s->dir_ / "bench.db").string();
  } else {
    auto admin = storage::Database::open(server_url, 1);
    if (!admin) return tl::unexpected(admin.error());
    s->admin_ = std::move(*admin);
    s->name_ = "tafel_bench_" + tag + "_" + unique;
    auto made = s->admin_->with_session([&](soci::session& sql) { sql << "CREATE DATABASE " + s->name_; });
    if (!made) return tl::unexpected(made.error());
    s->url_ = with_database(server_url, s->name_);
  }
  auto opened = storage::Database::open(s->url_, pool);
  if (!opened) return tl::unexpected(opened.error());
  s->database_ = std::move(*opened);
  auto migrated = s->database_->migrate();
  if (!migrated) return tl::unexpected(migrated.error());
  return s;
}

ScratchDatabase::~ScratchDatabase() {
  database_.reset();
  if (keep_) {
    std::fprintf(stderr, "kept: %s\n", url_.c_str());
    return;
  }
  if (admin_) {
    (void)admin_->with_session([&](soci::session& sql) { sql << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"; });
  }
  std::error_code ignored;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

}  // namespace tafel::cli
