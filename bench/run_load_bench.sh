#!/usr/bin/env bash
# Loading benchmark: Mensura against dcm2niix, ITK's GDCM series reader and the physical floor
# (reading every file into memory with 2 threads), on the same 512x512x400 CT series, in the
# same run. Prints a table and the ratios against the targets of the issue, PASS/MISS each, and
# writes the same as bench/results/latest.md.
#
# WARM-CACHE benchmark: nothing is dropped from the page cache. Each tool is run once untimed
# first, so every timed run reads the files from memory; what is compared is the CPU and memory
# work of each loader, not the disk.
#
# Timed runs are interleaved (rep 1 of every tool, then rep 2, ...), so that a burst of load
# from another process on this shared machine hits all tools alike, and before each timed run
# the script waits (up to --quiet-timeout seconds) until the CPUs are idle; runs that started
# on a busy machine are counted in the report.
#
# usage: bench/run_load_bench.sh [--dir DIR] [--repeat R] [--build BUILD_DIR]
#                                [--results FILE] [--quiet-timeout SECONDS]
#   --dir DIR      where the series (DIR/ct) and its JPEG-LS copy (DIR/ct-jls) live; they are
#                  generated when missing and kept. Default: a temp dir, deleted at the end.
#   --repeat R     timed runs per tool (default 5); the median wall time is reported.
#   --build DIR    the build dir holding bench/ and tools/ (default: <repo>/build-bench).
#   --results FILE the Markdown report (default: <repo>/bench/results/latest.md).
set -euo pipefail
trap 'echo "run_load_bench.sh: failed at line $LINENO" >&2' ERR

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
build="$repo/build-bench"
dir=""
repeat=5
results="$here/results/latest.md"
quiet_timeout=60
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    --quiet-timeout) quiet_timeout="$2"; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "run_load_bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "run_load_bench.sh: --repeat needs a positive number" >&2; exit 2; }

readonly COLS=512 ROWS=512 SLICES=400
readonly VOXEL_BYTES=$((COLS * ROWS * SLICES * 2))
readonly TIMEFMT='%e %M %U %S'  # wall s, max RSS KiB, user s, sys s

# Build (a no-op when up to date), so that the numbers belong to the commit the report names.
if [[ -f "$build/build.ninja" || -f "$build/Makefile" ]]; then
  cmake --build "$build" --target mensura-bench-load itk-gdcm-load read-files-floor mensura-make-series -j2 >/dev/null ||
    { echo "run_load_bench.sh: build in $build failed" >&2; exit 1; }
fi
mensura="$build/bin/mensura-bench-load"
itk="$build/bin/itk-gdcm-load"
floor="$build/bin/read-files-floor"
make_series="$build/bin/mensura-make-series"
for exe in "$mensura" "$itk" "$floor" "$make_series"; do
  [[ -x "$exe" ]] || { echo "run_load_bench.sh: $exe missing; build with:
  cmake -S $repo -B $build -G Ninja -DMENSURA_BUILD_VIEWER=OFF -DMENSURA_BUILD_TESTS=OFF && cmake --build $build -j2" >&2; exit 1; }
done
for exe in /usr/bin/time dcm2niix dcmcjpls; do
  command -v "$exe" >/dev/null || { echo "run_load_bench.sh: $exe not found (apt-get install -y time dcm2niix dcmtk)" >&2; exit 1; }
done

work="$(mktemp -d /tmp/mensura-bench-work.XXXXXX)"
cleanup_dirs=("$work")
if [[ -z "$dir" ]]; then
  dir="$(mktemp -d /tmp/mensura-bench-data.XXXXXX)"
  cleanup_dirs+=("$dir")
fi
# dcm2niix's output goes to tmpfs when there is one: writing 200 MB to a disk file system
# (and deleting the previous copy while it is still being written back) adds 0-0.5 s of kernel
# time at random, which is disk noise, not loading. tmpfs makes dcm2niix faster and steadier,
# so the comparison is, if anything, harder for Mensura.
if [[ -d /dev/shm && -w /dev/shm ]]; then nii="$(mktemp -d /dev/shm/mensura-bench-nii.XXXXXX)"; else nii="$work/nii"; fi
cleanup_dirs+=("$nii")
trap 'rm -rf "${cleanup_dirs[@]}"' EXIT
mkdir -p "$dir"
ct="$dir/ct"
jls="$dir/ct-jls"

count_files() { find "$1" -maxdepth 1 -type f 2>/dev/null | wc -l; }

# --- data ------------------------------------------------------------------------------------
if [[ "$(count_files "$ct")" -ne $SLICES ]]; then
  echo "generating ${COLS}x${ROWS}x${SLICES} CT series in $ct ..."
  rm -rf "$ct" "$jls"
  "$make_series" --out "$ct" --size $COLS $ROWS $SLICES --spacing 0.7 0.7 1.0 --noise 10 >/dev/null
fi
if [[ "$(count_files "$jls")" -ne $SLICES ]]; then
  echo "making the JPEG-LS lossless copy in $jls ..."
  rm -rf "$jls"; mkdir -p "$jls"
  for f in "$ct"/*; do dcmcjpls "$f" "$jls/$(basename "$f")"; done
fi

# --- machine state ---------------------------------------------------------------------------
# Busy fraction (percent, all CPUs) over 0.5 s, from /proc/stat.
cpu_busy_percent() {
  local a b
  a=($(head -1 /proc/stat)); sleep 0.5; b=($(head -1 /proc/stat))
  local idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  (( total > 0 )) || { echo 0; return; }
  echo $(( 100 * (total - idle) / total ))
}
busy_runs=0
wait_quiet() {
  local waited=0 busy
  while :; do
    busy=$(cpu_busy_percent)
    (( busy <= 10 )) && return 0
    if (( waited >= quiet_timeout * 2 )); then
      busy_runs=$((busy_runs + 1))
      echo "  (CPUs still ${busy}% busy after ${quiet_timeout}s: running anyway)" >&2
      return 0
    fi
    waited=$((waited + 1))
  done
}

# --- runs ------------------------------------------------------------------------------------
# id | label | folder | threads | command
ids=(m2 m1 dcm2niix itk floor jls1 jls2)
declare -A label folder threads cmd
label[m2]="Mensura";            folder[m2]=ct;     threads[m2]=2; cmd[m2]="$mensura $ct --threads 2"
label[m1]="Mensura";            folder[m1]=ct;     threads[m1]=1; cmd[m1]="$mensura $ct --threads 1"
label[dcm2niix]="dcm2niix";     folder[dcm2niix]=ct; threads[dcm2niix]=1
cmd[dcm2niix]="dcm2niix -z n -b n -o $nii $ct"
label[itk]="ITK GDCM series reader"; folder[itk]=ct; threads[itk]=2; cmd[itk]="$itk $ct --threads 2"
label[floor]="read all files (floor)"; folder[floor]=ct; threads[floor]=2; cmd[floor]="$floor $ct --threads 2"
label[jls1]="Mensura";          folder[jls1]=ct-jls; threads[jls1]=1; cmd[jls1]="$mensura $jls --threads 1"
label[jls2]="Mensura";          folder[jls2]=ct-jls; threads[jls2]=2; cmd[jls2]="$mensura $jls --threads 2"

declare -A walls rss cpus json
run_one() {  # id timed(0/1)
  local id=$1 timed=$2
  rm -rf "$nii"; mkdir -p "$nii"
  [[ $timed == 1 ]] && wait_quiet
  if ! /usr/bin/time -f "$TIMEFMT" -o "$work/time.txt" ${cmd[$id]} >"$work/out.txt" 2>"$work/err.txt"; then
    echo "run_load_bench.sh: '${cmd[$id]}' failed:" >&2; cat "$work/err.txt" "$work/time.txt" >&2; exit 1
  fi
  if [[ $id == dcm2niix ]]; then
    local nii_files; nii_files=$(find "$nii" -name '*.nii' -size +$((VOXEL_BYTES / 1024))k | wc -l)
    [[ $nii_files -eq 1 ]] || { echo "run_load_bench.sh: dcm2niix wrote no full-size NIfTI" >&2; cat "$work/out.txt" >&2; exit 1; }
  fi
  [[ $timed == 1 ]] || return 0
  local t; t=($(tail -1 "$work/time.txt"))
  walls[$id]+="${t[0]} "
  rss[$id]+="${t[1]} "
  cpus[$id]+="$(awk -v u="${t[2]}" -v s="${t[3]}" -v w="${t[0]}" 'BEGIN{printf "%.0f", (w > 0) ? 100*(u+s)/w : 0}') "
  [[ $id == dcm2niix ]] || json[$id]+="$(tail -1 "$work/out.txt")"$'\n'
}

echo "warm-up: each tool once, untimed ..."
for id in "${ids[@]}"; do run_one "$id" 0; done
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= repeat; ++r)); do
  echo "timed round $r/$repeat ..."
  for id in "${ids[@]}"; do run_one "$id" 1; done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- statistics ------------------------------------------------------------------------------
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END{ if (NR % 2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2 }'; }
minmax() { tr ' ' '\n' | grep -v '^$' | sort -g | awk 'NR==1{lo=$1} {hi=$1} END{print lo "–" hi}'; }
maxof() { tr ' ' '\n' | grep -v '^$' | sort -g | tail -1; }
field_median() {  # id field: median over runs of a field of the tool's JSON line
  [[ -n "${json[$1]:-}" ]] || { echo "–"; return; }
  printf '%s' "${json[$1]}" | grep -o "\"$2\":[0-9.]*" | cut -d: -f2 | tr '\n' ' ' | median
}
declare -A med peak
for id in "${ids[@]}"; do
  med[$id]=$(echo "${walls[$id]}" | median)
  peak[$id]=$(echo "${rss[$id]}" | maxof)
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.3f", a / b; else print "inf" }'; }
verdict() { awk -v r="$1" -v lim="$2" 'BEGIN{ print (r <= lim) ? "PASS" : "MISS" }'; }

table=""
row() { table+="$1"$'\n'; }
row "| run | series | threads | median wall s | range s | CPU % (user+sys)/wall, median | peak RSS MiB | in-process index s / pixels s (median) |"
row "|---|---|---|---|---|---|---|---|"
for id in "${ids[@]}"; do
  inproc="–"
  if [[ -n "${json[$id]:-}" ]]; then inproc="$(field_median "$id" index_s_median) / $(field_median "$id" pixels_s_median)"; fi
  series="${folder[$id]}"; [[ $series == ct ]] && series="native (explicit VR LE)" || series="JPEG-LS lossless"
  row "| ${label[$id]} | $series | ${threads[$id]} | ${med[$id]} | $(echo "${walls[$id]}" | minmax) | $(echo "${cpus[$id]}" | median) | $(awk -v k="${peak[$id]}" 'BEGIN{printf "%.1f", k/1024}') | $inproc |"
done

targets=""
trow() { targets+="$1"$'\n'; }
r_dcm=$(ratio "${med[m2]}" "${med[dcm2niix]}")
r_itk=$(ratio "${med[m2]}" "${med[itk]}")
r_floor=$(ratio "${med[m2]}" "${med[floor]}")
r_mem=$(ratio "$((peak[m2] * 1024))" "$VOXEL_BYTES")
r_jls=$(ratio "${med[jls2]}" "${med[jls1]}")
trow "| target | measured | ratio | limit | result |"
trow "|---|---|---|---|---|"
trow "| Mensura (2 threads) time vs dcm2niix | ${med[m2]} s / ${med[dcm2niix]} s | $r_dcm | ≤ 0.5 | $(verdict "$r_dcm" 0.5) |"
trow "| Mensura (2 threads) time vs ITK GDCM series reader | ${med[m2]} s / ${med[itk]} s | $r_itk | ≤ 0.2 | $(verdict "$r_itk" 0.2) |"
trow "| Mensura (2 threads) time vs reading all files, 2 threads | ${med[m2]} s / ${med[floor]} s | $r_floor | ≤ 2 | $(verdict "$r_floor" 2) |"
trow "| Mensura (2 threads) peak RSS vs voxel bytes ($VOXEL_BYTES B) | ${peak[m2]} KiB / $((VOXEL_BYTES / 1024)) KiB | $r_mem | ≤ 1.15 | $(verdict "$r_mem" 1.15) |"
trow "| JPEG-LS: Mensura 2 threads vs 1 thread | ${med[jls2]} s / ${med[jls1]} s | $r_jls | ≤ 0.55 | $(verdict "$r_jls" 0.55) |"

m2json="$(printf '%s' "${json[m2]}" | tail -1)"
rss_start=$(printf '%s' "$m2json" | grep -o '"rss_start_kb":[0-9]*' | cut -d: -f2)
rss_before=$(printf '%s' "$m2json" | grep -o '"rss_before_load_kb":[0-9]*' | cut -d: -f2)

commit="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$repo" status --porcelain -- imaging 2>/dev/null)" ]]; then commit+=" (imaging/ has uncommitted changes)"; fi
report="# Mensura loading benchmark

Generated by \`bench/run_load_bench.sh --repeat $repeat\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit.

- Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, Linux $(uname -r).
- Series: ${COLS}x${ROWS}x${SLICES}, 16 bits allocated (12 stored, Rescale Intercept -1024), one file per slice, CT Image Storage, written by \`mensura-make-series --size $COLS $ROWS $SLICES --spacing 0.7 0.7 1.0 --noise 10\`; the JPEG-LS copy by \`dcmcjpls\` (lossless), file by file. Voxel bytes = $COLS*$ROWS*$SLICES*2 = $VOXEL_BYTES.
- **Warm cache**: nothing is dropped from the page cache; every tool ran once untimed first, so all timed runs read from memory.
- Each tool ran $repeat times, interleaved round by round, under \`/usr/bin/time -f '$TIMEFMT'\`: wall time is the median of the process wall times (start-up included, resolution 0.01 s), peak RSS the largest maxrss. The in-process columns are the JSON the benchmark programs print.
- dcm2niix $({ dcm2niix --version 2>&1 || true; } | grep -o 'v1[0-9.]*' | head -1): \`dcm2niix -z n -b n -o TMP FOLDER\` (uncompressed NIfTI; output written to $( [[ $nii == /dev/shm/* ]] && echo "tmpfs (/dev/shm)" || echo "$work" ), deleted between runs).
- Mensura's process RSS before indexing: ${rss_start:-?} KiB; just before loading pixels: ${rss_before:-?} KiB (libraries + index). Peak RSS is counted whole, baseline included.
- Machine load: loadavg $load_before before the timed runs, $load_after after; $busy_runs of $(( repeat * ${#ids[@]} )) timed runs started while other processes kept the CPUs more than 10% busy for ${quiet_timeout} s.

## Runs

$table
## Targets

$targets"

echo
printf '%s\n' "$table"
printf '%s\n' "$targets"
mkdir -p "$(dirname "$results")"
printf '%s' "$report" >"$results"
echo "written to $results"
