#!/usr/bin/env bash
# The conventions CI keeps (docs/architecture.md): every C++ file as .clang-format writes it,
# and no line of C++, CMake or tests/ script over 120 characters.
#   tests/check_format.sh [ROOT]     exit 0 when clean, 1 naming each file or line at fault
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || exit 2
command -v clang-format >/dev/null || { echo "check_format: clang-format is not installed"; exit 2; }
mapfile -t cxx < <(git ls-files -co --exclude-standard '*.cpp' '*.h' | grep -v '^build')
[ ${#cxx[@]} -gt 0 ] || { echo "check_format: no C++ files found under $root"; exit 2; }
status=0
unformatted=$(clang-format --dry-run "${cxx[@]}" 2>&1 | grep -oE '^[^:]+\.(cpp|h)' | sort -u)
if [ -n "$unformatted" ]; then
  echo "not as .clang-format writes them (run: clang-format -i FILE):"; echo "$unformatted"; status=1
fi
mapfile -t others < <(git ls-files -co --exclude-standard 'tests/*.sh' '*.cmake' 'CMakeLists.txt' '*/CMakeLists.txt' \
                      'mensura-dev' '.ci/run' | grep -v '^build')
long=$(awk 'length > 120 { print FILENAME ":" FNR ": " length " characters" }' "${cxx[@]}" "${others[@]}")
if [ -n "$long" ]; then
  echo "lines over 120 characters:"; echo "$long"; status=1
fi
[ $status -eq 0 ] && echo "format clean: ${#cxx[@]} C++ files as .clang-format writes them; no line over 120"
exit $status
