#include "support/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <random>

#include <soci/soci.h>

namespace tafel::test_support {
namespace {

std::string postgres_base_url() {
  const char* url = std::getenv("TAFEL_TEST_POSTGRES_URL");
  return url == nullptr ? std::string() : std::string(url);
}

// The same server and credentials as `base`, but database `name`.
Result<std::string> with_database_name(const std::string& base, const std::string& name) {
  std::size_t scheme_end = base.find("://");
  if (scheme_end == std::string::npos) return fail("invalid_input", "TAFEL_TEST_POSTGRES_URL is not a URL");
  std::size_t query = base.find('?', scheme_end + 3);
  std::size_t path = base.find('/', scheme_end + 3);
  if (path != std::string::npos && query != std::string::npos && path > query) path = std::string::npos;
  std::string query_part = query == std::string::npos ? std::string() : base.substr(query);
  if (query_part.find("dbname=") != std::string::npos) {
    return fail("invalid_input", "TAFEL_TEST_POSTGRES_URL must name its database in the path, not with dbname=");
  }
  std::size_t authority_end = path != std::string::npos ? path : (query != std::string::npos ? query : base.size());
  return base.substr(0, authority_end) + "/" + name + query_part;
}

// A connection to the server's base database, used to create and drop test
// databases; shared by every TestDatabase of the process.
Result<storage::Database*> postgres_admin() {
  static std::mutex mutex;
  static std::unique_ptr<storage::Database> admin;
  std::lock_guard lock(mutex);
  if (!admin) {
    auto opened = storage::Database::open(postgres_base_url(), 1);
    if (!opened) return tl::unexpected(opened.error());
    admin = std::move(*opened);
  }
  return admin.get();
}

std::string unique_suffix() {
  static std::atomic<unsigned> counter{0};
  std::random_device random;
  return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(random() % 1000000);
}

}  // namespace

std::vector<storage::Engine> all_engines() { return {storage::Engine::sqlite, storage::Engine::postgresql}; }

std::vector<storage::Engine> available_engines() {
  std::vector<storage::Engine> engines;
  for (storage::Engine engine : all_engines()) {
    if (engine_available(engine)) engines.push_back(engine);
  }
  return engines;
}

bool engine_available(storage::Engine engine) {
  return engine == storage::Engine::sqlite || !postgres_base_url().empty();
}

std::string engine_name(storage::Engine engine) {
  return engine == storage::Engine::sqlite ? "sqlite" : "postgresql";
}

TestDatabase::TestDatabase(storage::Engine engine, std::string url, std::string cleanup_target)
    : engine_(engine), url_(std::move(url)), cleanup_target_(std::move(cleanup_target)) {}

Result<std::unique_ptr<TestDatabase>> TestDatabase::create(storage::Engine engine, Migrate migrate,
                                                           std::size_t pool_size) {
  if (!engine_available(engine)) {
    return fail("unavailable", engine_name(engine) + " is not available: set TAFEL_TEST_POSTGRES_URL");
  }
  std::unique_ptr<TestDatabase> test_database;
  if (engine == storage::Engine::sqlite) {
    std::string dir_template = (std::filesystem::temp_directory_path() / "tafel-test-XXXXXX").string();
    if (::mkdtemp(dir_template.data()) == nullptr) return fail("io_error", "cannot create a temporary directory");
    test_database.reset(new TestDatabase(engine, dir_template + "/test.sqlite", dir_template));
  } else {
    auto admin = postgres_admin();
    if (!admin) return tl::unexpected(admin.error());
    std::string name = "tafel_t_" + unique_suffix();
    auto url = with_database_name(postgres_base_url(), name);
    if (!url) return tl::unexpected(url.error());
    // template0: template1 may be busy (another test process connected to it).
    auto created = (*admin)->with_session(
        [&](soci::session& sql) { sql << "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'"; });
    if (!created) return tl::unexpected(created.error());
    test_database.reset(new TestDatabase(engine, *url, name));
  }
  auto opened = storage::Database::open(test_database->url_, pool_size);
  if (!opened) return tl::unexpected(opened.error());
  test_database->database_ = std::move(*opened);
  if (migrate == Migrate::yes) {
    auto migrated = test_database->database_->migrate();
    if (!migrated) return tl::unexpected(migrated.error());
  }
  return test_database;
}

TestDatabase::~TestDatabase() {
  database_.reset();  // close every session before removing the data
  if (engine_ == storage::Engine::sqlite) {
    std::error_code ec;
    std::filesystem::remove_all(cleanup_target_, ec);
    return;
  }
  auto admin = postgres_admin();
  if (!admin) {
    ADD_FAILURE() << "cannot drop test database " << cleanup_target_ << ": " << admin.error().message;
    return;
  }
  // WITH (FORCE): a second Database a test opened on this URL may still be connected.
  auto dropped = (*admin)->with_session(
      [&](soci::session& sql) { sql << "DROP DATABASE IF EXISTS " + cleanup_target_ + " WITH (FORCE)"; });
  if (!dropped) ADD_FAILURE() << "cannot drop test database " << cleanup_target_ << ": " << dropped.error().message;
}

}  // namespace tafel::test_support
