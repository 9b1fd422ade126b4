#!/usr/bin/env bash
# Times a tree scan side by side: Vigie's TreeScanner (1 and 2 threads) against
# `hashdeep -c md5,sha1,sha256 -r`, and SHA-256 alone against `sha256sum`, 3 runs each.
# The page cache cannot be dropped in this container: every run
# after the first read of the tree is warm-cache, so this measures hashing and file-system
# overhead, not the disk. Usage (from the repository root, after `mvn -o -pl vigie-hashing,vigie-bench -am verify`):
#   vigie-bench/scripts/scan-benchmark.sh [DIR] [SMALL_FILES] [LARGE_FILES] [PHOTOS]
set -euo pipefail
dir=${1:-${TMPDIR:-/tmp}/vigie-scan-bench}
jar=vigie-bench/target/benchmarks.jar
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
runs=3

if [ ! -d "$dir" ]; then
  "$java" -cp "$jar" fr.vigie.bench.ScanTreeGenerator "$dir" "${2:-100000}" "${3:-24}" "${4:-200}"
fi
echo "tree: $(find "$dir" -type f | wc -l) files, $(du -sb "$dir" | cut -f1) bytes"
# One untimed read so that every timed run starts from the same warm cache.
find "$dir" -type f -print0 | xargs -0 cat > /dev/null

time_it() { # label, command...
  local label=$1; shift
  for i in $(seq $runs); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > /dev/null
    t1=$(date +%s.%N)
    printf '%s\trun %d\t%.2f s\n' "$label" "$i" "$(echo "$t1 - $t0" | bc)"
  done
}

time_it "vigie scan, 1 thread"    "$java" -cp "$jar" fr.vigie.bench.ScanTree scan 1 "$dir"
time_it "vigie scan, 2 threads"   "$java" -cp "$jar" fr.vigie.bench.ScanTree scan 2 "$dir"
time_it "hashdeep -j1"            hashdeep -j1 -c md5,sha1,sha256 -r "$dir"
time_it "hashdeep (default -j)"   hashdeep -c md5,sha1,sha256 -r "$dir"
time_it "vigie SHA-256, 1 thread" "$java" -cp "$jar" fr.vigie.bench.ScanTree sha256 "$dir"
time_it "sha256sum"               sh -c "find '$dir' -type f -print0 | xargs -0 sha256sum"
