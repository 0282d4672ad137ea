#!/usr/bin/env bash
# Ingest throughput, side by side with the peer tools in one run (DESIGN.md, "Measured, not assumed").
#
#   bench/ingest.sh                 # ~2 GB of JPEG-like input and 100,000 small files
#   BENCH_GB=1 BENCH_SMALL=20000 bench/ingest.sh
#   BENCH_DIR=/mnt/disk/tmp bench/ingest.sh   # where input, copies and archives go (one disk)
#
# Part 1: the same folder (camera originals plus synthetic 1-20 MB files with a JPEG header) is
#   (a) hashed with sha256sum, (b) copied with cp -r (then sync), (c) ingested by athar into a fresh
#   archive. Caches are dropped before each timed step when the kernel allows it. The goal is
#   athar <= 1.3 x (sha256sum + cp -r): athar reads each file once and hashes while it copies.
# Part 2: 100,000 small files (1-4 KB) ingested; files/s and peak RSS (/usr/bin/time -v).
#   The goal is under 500 MB.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gb="${BENCH_GB:-2}"
small_count="${BENCH_SMALL:-100000}"
camera="${CAMERA_ORIGINALS:-$repo/../shared/testdata/camera-originals}"
[[ -d "$camera" ]] || camera="/work/shared/testdata/camera-originals"
work="${BENCH_DIR:-}"
if [[ -z "$work" ]]; then work="$(mktemp -d /var/tmp/athar-bench.XXXXXX)"; else mkdir -p "$work"; work="$(mktemp -d "$work/athar-bench.XXXXXX")"; fi
keep="${BENCH_KEEP:-0}"
cleanup() { [[ "$keep" == 1 ]] || rm -rf "$work"; }
trap cleanup EXIT

if [[ ! -x /usr/bin/time ]]; then
  (apt-get install -y time >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y time >/dev/null 2>&1)) || true
fi

echo "== build (Release, once)"
dotnet build "$repo/src/Athar.Cli/Athar.Cli.csproj" -c Release -o "$work/bin" -v quiet -nologo >/dev/null
athar=(dotnet "$work/bin/athar.dll")

drop_caches() {
  sync
  if echo 3 > /proc/sys/vm/drop_caches 2>/dev/null; then caches="dropped"; else caches="NOT dropped (not permitted)"; fi
}
now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l | xargs printf '%.2f'; }

echo "== machine"
echo "nproc: $(nproc)"
echo "cpu: $(lscpu | grep 'Model name' | sed 's/.*: *//')"
echo "memory: $(free -h | awk '/Mem:/ {print $2}')"
echo "disk: $(df -h "$work" | awk 'NR==2 {print $1, $2, "size,", $4, "free"}') ($(findmnt -n -o FSTYPE --target "$work" 2>/dev/null || echo '?'))"
echo "dotnet: $(dotnet --version)"
echo "work folder: $work"

echo "== input: ~${gb} GB"
input="$work/input"
mkdir -p "$input/camera" "$input/synthetic"
cp "$camera"/*.jpg "$input/camera/"
target=$((gb * 1024 * 1024 * 1024))
total=$(du -sb "$input" | cut -f1)
RANDOM=20261122
i=0
while (( total < target )); do
  mb=$(( (RANDOM % 20) + 1 ))
  f="$input/synthetic/$(printf 'IMG_%05d.JPG' "$i")"
  { printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00'; head -c $((mb * 1024 * 1024 - 20)) /dev/urandom; } > "$f"
  total=$((total + mb * 1024 * 1024))
  i=$((i + 1))
done
files=$(find "$input" -type f | wc -l)
bytes=$(du -sb "$input" | cut -f1)
echo "files: $files, bytes: $bytes"

echo "== part 1: sha256sum + cp -r versus athar ingest"
drop_caches
t0=$(now); (cd "$input" && find . -type f -print0 | xargs -0 sha256sum > "$work/sha256sums.txt"); t1=$(now)
sha=$(elapsed "$t0" "$t1")
drop_caches
t0=$(now); cp -r "$input" "$work/copy"; sync; t1=$(now)
cpt=$(elapsed "$t0" "$t1")
rm -rf "$work/copy"
"${athar[@]}" --archive "$work/archive" init >/dev/null
drop_caches
t0=$(now); "${athar[@]}" --archive "$work/archive" ingest "$input" --source bench --json > "$work/ingest.json"; t1=$(now)
ath=$(elapsed "$t0" "$t1")
peer=$(echo "$sha + $cpt" | bc -l)
ratio=$(echo "$ath / $peer" | bc -l | xargs printf '%.2f')
mbps=$(echo "$bytes / 1048576 / $ath" | bc -l | xargs printf '%.0f')
echo "caches: $caches"
echo "sha256sum:        ${sha} s"
echo "cp -r + sync:     ${cpt} s"
echo "peer total:       $(printf '%.2f' "$peer") s"
echo "athar ingest:     ${ath} s (${mbps} MB/s)"
echo "ratio athar/peer: ${ratio} (goal <= 1.3)"
grep -E '"(filesSeen|newItems|bytesStored)"' "$work/ingest.json" | tr -d ' ,' | paste -sd' '
rm -rf "$work/archive" "$input"

echo "== part 2: ${small_count} small files (1-4 KB)"
small="$work/small"
mkdir -p "$small"
perl -e '
  my ($dir, $n) = @ARGV; srand(7); my $pool = join("", map { chr(int(rand(256))) } 1 .. 65536);
  for my $i (0 .. $n - 1) {
    my $sub = sprintf("%s/%03d", $dir, int($i / 1000)); mkdir $sub unless -d $sub;
    my $len = 1024 + int(rand(3073));
    open(my $fh, ">", sprintf("%s/f%06d.bin", $sub, $i)) or die;
    print $fh pack("N", $i), substr($pool, int(rand(60000)), $len - 4); close $fh;
  }' "$small" "$small_count"
"${athar[@]}" --archive "$work/archive-small" init >/dev/null
drop_caches
t0=$(now)
/usr/bin/time -v "${athar[@]}" --archive "$work/archive-small" ingest "$small" --source small --json > "$work/small.json" 2> "$work/small.time"
t1=$(now)
st=$(elapsed "$t0" "$t1")
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/small.time")
echo "caches: $caches"
echo "athar ingest:     ${st} s, $(echo "$small_count / $st" | bc -l | xargs printf '%.0f') files/s"
echo "peak RSS:         $((rss_kb / 1024)) MB (goal < 500 MB)"
grep -E '"(filesSeen|newItems)"' "$work/small.json" | tr -d ' ,' | paste -sd' '
