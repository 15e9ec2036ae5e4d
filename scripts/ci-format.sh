#!/usr/bin/env bash
# Format check (issue #13): every C++ file git tracks is clang-format clean under the
# repository's .clang-format (Google style, 110 columns). Exit 1 lists the files that are not.
#
# Usage: scripts/ci-format.sh          check
#        scripts/ci-format.sh --fix    reformat them in place
# clang-format comes from Debian 12 (clang-format 14; scripts/setup.sh installs it): another
# version may format a few constructs differently, so check with that one.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format > /dev/null || { echo "ci-format: clang-format missing (scripts/setup.sh)" >&2; exit 2; }

mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
if [[ "${1:-}" == "--fix" ]]; then
  clang-format -i "${files[@]}"
  echo "ci-format: formatted ${#files[@]} files"
  exit 0
fi
unclean=()
for file in "${files[@]}"; do
  clang-format --dry-run --Werror "$file" > /dev/null 2>&1 || unclean+=("$file")
done
if [[ ${#unclean[@]} -gt 0 ]]; then
  echo "ci-format: ${#unclean[@]} of ${#files[@]} C++ files are not clang-format clean:" >&2
  printf '  %s\n' "${unclean[@]}" >&2
  echo "  fix with: scripts/ci-format.sh --fix (or clang-format -i FILE)" >&2
  exit 1
fi
echo "ci-format: all ${#files[@]} C++ files are clang-format clean"
