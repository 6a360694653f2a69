#!/usr/bin/env bash
# The exported CMake package: install the development component of BUILD into a temporary
# prefix, build tests/package_consumer against it with find_package(Mensura), run it.
#   tests/check_cmake_package.sh BUILD_DIR
set -uo pipefail
build=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail() { echo "check_cmake_package: $*"; exit 1; }
cmake --install "$build" --prefix "$work/prefix" --component development >"$work/install.log" 2>&1 ||
  fail "install failed: $(tail -5 "$work/install.log")"
[ -f "$work/prefix/lib/cmake/Mensura/MensuraConfig.cmake" ] || fail "no MensuraConfig.cmake installed"
[ -f "$work/prefix/include/mensura/core/Version.h" ] || fail "no generated Version.h installed"
ls "$work/prefix/lib"/libmensura-testing* >/dev/null 2>&1 && fail "the testing library was installed"
cmake -S "$here/package_consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/cfg.log" 2>&1 ||
  fail "find_package(Mensura) failed: $(grep -A5 'CMake Error' "$work/cfg.log" | head -20)"
cmake --build "$work/consumer" >"$work/build.log" 2>&1 ||
  fail "the consumer does not build: $(tail -20 "$work/build.log")"
out=$("$work/consumer/consumer") || fail "the consumer failed: $out"
grep -q "caliper 5.0 mm" <<< "$out" || fail "the consumer printed: $out"
echo "check_cmake_package: $out"
