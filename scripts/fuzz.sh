#!/usr/bin/env bash
# Runs the fuzz targets of the parser and of the input reader, each for FUZZTIME (default
# 10m), then keeps the inputs the fuzzer found interesting as seed corpus under each
# package's testdata/fuzz/<Target>/, where plain `go test` runs them from then on.
# Not part of CI. Usage: scripts/fuzz.sh [FUZZTIME]
set -euo pipefail
cd "$(dirname "$0")/.."
t=${1:-10m}
status=0
cache=$(go env GOCACHE)/fuzz/github.com/cablebrief/summarize
for target in "summarizer/cable FuzzParse" "summarizer/cable/source FuzzReader" "summarizer/cable/source FuzzDecode"; do
  set -- $target
  pkg=$1 name=$2
  echo "== $name ($pkg), $t"
  go test -run '^$' -fuzz "^$name\$" -fuzztime "$t" "./$pkg" || status=1
  if [ -d "$cache/$pkg/$name" ]; then
    mkdir -p "$pkg/testdata/fuzz/$name"
    # keep at most 200 of the newest interesting inputs, each under 64 KB
    find "$cache/$pkg/$name" -type f -size -64k -printf '%T@ %p\n' | sort -rn | head -200 | cut -d' ' -f2- |
      while read -r f; do cp "$f" "$pkg/testdata/fuzz/$name/"; done
    echo "kept $(ls "$pkg/testdata/fuzz/$name" | wc -l) inputs in $pkg/testdata/fuzz/$name"
  fi
done
exit $status
