#!/usr/bin/env bash
# Corpus-path benchmark: memory stays flat as the input grows, speed as the release needs.
# Generates synthetic releases of 10k and 100k cables from a directory of cables (default
# ../shared/pool) with cmd/gencsv, then measures with GNU time:
#   summarize parse CSV          MB/s and peak RSS   (target: >= 30 MB/s, <= 300 MB)
#   summarize --db DB CSV        cables/s and peak RSS, offline engine (target: >= 400/s, <= 500 MB)
# Usage: scripts/bench-corpus.sh [POOL_DIR] [SIZES...]     (SIZES default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
pool=${1:-../shared/pool}
shift || true
sizes=${*:-10000 100000}
work=${BENCH_DIR:-$(mktemp -d)}
go build -o "$work/summarize" ./cmd/summarize
go build -o "$work/gencsv" ./cmd/gencsv
echo "machine: $(nproc) cores, GOMAXPROCS=${GOMAXPROCS:-$(nproc)}, load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $sizes; do
  csv="$work/release-$n.csv"
  [ -f "$csv" ] || "$work/gencsv" -n "$n" -o "$csv" "$pool"
  bytes=$(stat -c %s "$csv")
  /usr/bin/time -f "%e %M" -o "$work/t" "$work/summarize" parse "$csv" > /dev/null 2>"$work/err" || true
  read -r secs rss < "$work/t"
  awk -v n="$n" -v b="$bytes" -v s="$secs" -v r="$rss" 'BEGIN { printf "parse   %7d cables  %6.0f MB  %6.1f s  %6.1f MB/s  peak RSS %4.0f MB\n", n, b/1e6, s, b/1e6/s, r/1024 }'
  rm -f "$work/db-$n.db"*
  /usr/bin/time -f "%e %M" -o "$work/t" "$work/summarize" --db "$work/db-$n.db" "$csv" 2>"$work/err" || { tail -3 "$work/err"; }
  read -r secs rss < "$work/t"
  awk -v n="$n" -v s="$secs" -v r="$rss" 'BEGIN { printf "offline %7d cables  --db        %6.1f s  %6.0f cables/s  peak RSS %4.0f MB\n", n, s, n/s, r/1024 }'
  tail -1 "$work/err"
done
echo "files in $work"
