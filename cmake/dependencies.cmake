# Every third-party library the repository links, found once. All come from Debian packages
# that `./dev setup` installs.
set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)
find_package(Boost 1.81 REQUIRED COMPONENTS json url program_options)
find_package(OpenSSL 3 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark QUIET)
find_package(PkgConfig REQUIRED)
pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(ARGON2 REQUIRED IMPORTED_TARGET libargon2)
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)

# The two server binaries allocate with jemalloc (product_allocator): their requests allocate
# on I/O threads and free on the event writer and the other way round, which glibc's arenas
# turn into lock traffic and consolidation (measured on the reservation path: 89 -> 69 us of
# CPU per request). Not under ASan, which brings its own allocator. Its settings:
# platform/core/jemalloc_tuning.cpp.
pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
function(product_allocator target)
  if(NOT ENABLE_ASAN)
    target_link_libraries(${target} PRIVATE PkgConfig::JEMALLOC)
    target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/platform/core/jemalloc_tuning.cpp)
  endif()
endfunction()
