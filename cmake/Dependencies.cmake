# Every third-party library comes from Debian bookworm (scripts/debian-packages.txt).
find_package(PkgConfig REQUIRED)

# Boost 1.81 (libboost1.81-dev): Beast, JSON, URL used header-only (one src.hpp TU each).
find_path(BOOST181_INCLUDE_DIR boost/beast.hpp PATHS /usr/include/boost1.81 /usr/include NO_DEFAULT_PATH)
add_library(tafel_boost INTERFACE)
target_include_directories(tafel_boost SYSTEM INTERFACE ${BOOST181_INCLUDE_DIR})
target_compile_definitions(tafel_boost INTERFACE BOOST_ERROR_CODE_HEADER_ONLY BOOST_JSON_NO_LIB BOOST_URL_NO_LIB BOOST_ALL_NO_LIB)

find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(tl-expected CONFIG REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(CURL REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(LIBICAL REQUIRED IMPORTED_TARGET libical)
pkg_check_modules(CMARK REQUIRED IMPORTED_TARGET libcmark)

# Snowball's stemmers (libstemmer-dev) ship neither pkg-config nor CMake files.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIB stemmer REQUIRED)
add_library(tafel_stemmer INTERFACE)
target_include_directories(tafel_stemmer SYSTEM INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(tafel_stemmer INTERFACE ${STEMMER_LIB})

# SOCI 4.0 ships no CMake config in Debian; link its core and both backends.
find_path(SOCI_INCLUDE_DIR soci/soci.h)
find_library(SOCI_CORE_LIB soci_core REQUIRED)
find_library(SOCI_SQLITE3_LIB soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL_LIB soci_postgresql REQUIRED)
add_library(tafel_soci INTERFACE)
target_include_directories(tafel_soci SYSTEM INTERFACE ${SOCI_INCLUDE_DIR} ${PostgreSQL_INCLUDE_DIRS})
target_link_libraries(tafel_soci INTERFACE ${SOCI_CORE_LIB} ${SOCI_SQLITE3_LIB} ${SOCI_POSTGRESQL_LIB} SQLite::SQLite3 ${PostgreSQL_LIBRARIES} ${CMAKE_DL_LIBS})

# kainjow mustache: a single header.
find_path(MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)
add_library(tafel_mustache INTERFACE)
target_include_directories(tafel_mustache SYSTEM INTERFACE ${MUSTACHE_INCLUDE_DIR})

if(NOT TAFEL_FUZZ)
  find_package(GTest REQUIRED)
  find_package(benchmark REQUIRED)
endif()
