#!/usr/bin/env bash
# Tier-1 triage against peer tools, in one run, on the same photos (issue 5, "Done means"):
#   (a) Athar's tier-1 analysis (JPEG structure, metadata, editing traces, times, compression signature,
#       thumbnail check, PDQ with its 8 variants; the AnalysisRunner behind `athar analyze`, recording into
#       memory) against `exiftool -j -q` (metadata only), photos/s; goal >= 5x ExifTool's rate;
#   (b) PDQ per photo against Meta's reference pdq-photo-hasher (bench/pdq-vs-reference.sh; set PDQ_REFERENCE);
#   (c) hash-bank lookups: 10,000,000 random hashes, radius 31, PdqHashIndex against a linear scan, on all cores;
#       goal >= 20,000 queries/s.
#
#   bench/triage-vs-peers.sh
#   PDQ_REFERENCE=/tmp/pdq-photo-hasher TRIAGE_PHOTOS=500 TRIAGE_RESOLUTION=2048x1536 bench/triage-vs-peers.sh
#   TRIAGE_BANK=1000000 bench/triage-vs-peers.sh     # a smaller bank, for a quick look
#
# The photos: ../shared/testdata/camera-originals (87 genuine files from about 90 cameras) and a synthetic
# archive's originals (TRIAGE_PHOTOS at TRIAGE_RESOLUTION, the default 2048x1536, about 3 MP). Every tool is
# timed as a whole process (start-up included) after one untimed pass that fills the page cache. Installs
# exiftool (Debian libimage-exiftool-perl) and GNU time when missing. Besides wall time it prints each tool's CPU per
# photo and the BOUND line: the CPU per photo that 5x ExifTool's rate allows on this machine's cores, against what
# libjpeg-turbo alone needs to decode a photo at its cheapest (grey, 1/8), which any check of the pixels must pay. Fetches nothing else and commits nothing.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
camera="${CAMERA_ORIGINALS:-$repo/../shared/testdata/camera-originals}"
synth_photos="${TRIAGE_PHOTOS:-500}"
resolution="${TRIAGE_RESOLUTION:-2048x1536}"
bank="${TRIAGE_BANK:-10000000}"
queries="${TRIAGE_QUERIES:-100000}"
work="$(mktemp -d /var/tmp/athar-triage.XXXXXX)"
trap 'rm -rf "$work"' EXIT

if [[ ! -d "$camera" ]]; then
  echo "triage-vs-peers: the camera originals are missing: $camera (../shared/testdata, see its README.md; or set CAMERA_ORIGINALS)" >&2
  exit 3
fi
if ! command -v exiftool >/dev/null 2>&1; then
  echo "installing exiftool (libimage-exiftool-perl)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y -qq libimage-exiftool-perl >&2 || { $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq libimage-exiftool-perl >&2; }
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "installing GNU time (for CPU seconds)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y -qq time >&2 || { $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq time >&2; }
fi
"$repo/scripts/ensure-native.sh"

echo "== build (Release, once)"
# In place (incremental), so a second run does not rebuild everything; ./athar is also what pdq-vs-reference.sh runs.
dotnet build "$repo/bench/Athar.Eval/Athar.Eval.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
"$repo/athar" --help >/dev/null
eval_dll=("dotnet" "$repo/bench/Athar.Eval/bin/Release/net10.0/Athar.Eval.dll")

echo "== machine"
echo "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -h | awk '/Mem:/ {print $2}') RAM, dotnet $(dotnet --version), exiftool $(exiftool -ver)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows both sides; the ratios are the figures to trust)"

echo "== photos"
sets=("$work/camera")
mkdir -p "$work/camera"
find "$camera" -maxdepth 1 -type f -iname '*.jpg' -exec cp {} "$work/camera/" \;
if (( synth_photos > 0 )); then
  "$repo/athar" synth --out "$work/synth" --photos "$synth_photos" --resolution "$resolution" --anomalies 0 --seed 5 --json >/dev/null
  mkdir -p "$work/synthetic"
  # Originals only (drive-01..03 /sd-N/), one file each: copies would let a cache-minded tool skip work.
  python3 - "$work/synth/ground-truth.json" "$work/synth" "$work/synthetic" <<'PY'
import json, os, shutil, sys
truth, root, out = sys.argv[1:]
for f in json.load(open(truth))["files"]:
    if f["kind"] == "original":
        shutil.copy(os.path.join(root, f["path"]), os.path.join(out, f["path"].replace("/", "_")))
PY
  rm -rf "$work/synth"
  sets+=("$work/synthetic")
fi

now() { date +%s.%N; }
for set in "${sets[@]}"; do
  name="$(basename "$set")"
  count=$(find "$set" -type f | wc -l)
  mb=$(du -sm "$set" | cut -f1)
  echo "== (a) tier-1 triage on $name: $count photos, $mb MB"
  cat "$set"/* >/dev/null # page cache, for both tools alike
  # exiftool exits 1 when a file has an error (the test set holds a zero-byte JPEG); that is not a failure here.
  # CPU seconds (user + sys) too: on a shared machine wall time counts the other processes' work.
  t0=$(now); /usr/bin/time -f '%U %S' -o "$work/exiftool.cpu" exiftool -j -q "$set" >"$work/exiftool.json" || true; t1=$(now)
  exif_s=$(echo "$t1 - $t0" | bc -l)
  t0=$(now); /usr/bin/time -f '%U %S' -o "$work/athar.cpu" "${eval_dll[@]}" throughput --photos "$set" >"$work/athar.txt"; t1=$(now)
  athar_s=$(echo "$t1 - $t0" | bc -l)
  "${eval_dll[@]}" throughput --photos "$set" --breakdown-only 40 | grep -E '^(breakdown|decode floors)' | tee "$work/breakdown.txt" || true # untimed: where athar's time goes
  inproc=$(sed -n 's/^RESULT athar-photos-per-second //p' "$work/athar.txt")
  exif_rate=$(echo "$count / $exif_s" | bc -l)
  athar_rate=$(echo "$count / $athar_s" | bc -l)
  printf 'exiftool -j -q (metadata only, 1 process): %6.2f s  %7.1f photos/s\n' "$exif_s" "$exif_rate"
  printf 'athar tier-1 analysis (whole process):     %6.2f s  %7.1f photos/s  (%.1f photos/s inside the process, start-up and warm-up excluded)\n' "$athar_s" "$athar_rate" "$inproc"
  printf 'RESULT %s: athar / exiftool = %.2f x (whole processes; goal >= 5), %.2f x counting athar inside the process\n' "$name" \
    "$(echo "$athar_rate / $exif_rate" | bc -l)" "$(echo "$inproc / $exif_rate" | bc -l)"
  exif_cpu_ms=$(tail -n 1 "$work/exiftool.cpu" | awk -v n="$count" '{print ($1 + $2) * 1000 / n}') # its last line: GNU time first notes a non-zero exit
  athar_cpu_ms=$(tail -n 1 "$work/athar.cpu" | awk -v n="$count" '{print ($1 + $2) * 1000 / n}')
  floor_ms=$(sed -n 's/.*grey at 1\/8 \([0-9.]*\),.*/\1/p' "$work/breakdown.txt")
  printf 'CPU per photo (user + sys, whole processes): exiftool %.1f ms, athar %.1f ms\n' "$exif_cpu_ms" "$athar_cpu_ms"
  # ExifTool runs on one core; Athar may use all of them. 5x ExifTool's rate leaves each photo cores x E / 5 of CPU.
  printf 'BOUND %s: 5x exiftool on %d cores allows %.1f ms of CPU per photo; libjpeg-turbo alone needs %s ms to decode one (grey, 1/8 scale)\n' \
    "$name" "$(nproc)" "$(echo "$(nproc) * $exif_cpu_ms / 5" | bc -l)" "${floor_ms:-?}"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
done

echo "== (b) PDQ per photo against Meta's reference"
for set in "${sets[@]}"; do
  echo "-- $(basename "$set")"
  "$repo/bench/pdq-vs-reference.sh" "$set"
done

echo "== (c) hash-bank lookups"
"${eval_dll[@]}" bank --size "$bank" --queries "$queries" --radius 31 --threads "$(nproc)"
echo "== done; load average $(cut -d' ' -f1-3 /proc/loadavg)"
