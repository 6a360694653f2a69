#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/screenshots/*.png) from the build in ./build (or
# $BUILD): the GUI tests draw the viewer screens while they work the sample cases under Xvfb
# (<build>/tests/viewer/screenshots/), and the viewer's --screenshot option shows what
# `./mensura-dev run` opens. Needs xvfb-run; run ./mensura-dev test (or build) first.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
OUT="$ROOT/docs/screenshots"
SHOTS="$BUILD/tests/viewer/screenshots"
mkdir -p "$OUT"
cmake --build "$BUILD" -j"$(nproc)" >/dev/null
(cd "$BUILD" && xvfb-run -a -s '-screen 0 1600x1000x24' ctest -L gui --output-on-failure >/dev/null)

# GUI test screenshot -> README name
while read -r from to; do
  [ -f "$SHOTS/$from" ] || { echo "make-screenshots: $SHOTS/$from was not written" >&2; exit 1; }
  cp "$SHOTS/$from" "$OUT/$to"
  echo "docs/screenshots/$to"
done <<'LIST'
triaxial_placed.png viewer_triaxial.png
segmentation.png viewer_segmentation.png
segmentation_in_a_box.png viewer_segmentation_box.png
segmentation_outlined_on_ct.png viewer_outline_on_ct.png
record_imaging_tab.png viewer_record.png
finding_dialog.png finding_dialog.png
report_preview.png report_preview.png
crosshair.png viewer_crosshair.png
compare_baseline_followup.png viewer_compare.png
tools_window_z8.png viewer_tools.png
volume3d_ccs_ct_bone_lesion.png viewer_3d.png
LIST

# What ./mensura-dev run opens: the seed 000 example case.
case_dir="$BUILD/screenshot_case"
rm -rf "$case_dir" && mkdir -p "$case_dir"
sed "s#\.\./\.\./\.\./sample_dicom#$ROOT/sample_dicom#g" \
  "$ROOT/cases/examples/seed000_ccs_craniocervical/case.json" > "$case_dir/case.json"
xvfb-run -a -s '-screen 0 1600x1000x24' "$BUILD/bin/mensura" --screenshot "$OUT/run_sample.png" "$case_dir" 2>/dev/null
echo "docs/screenshots/run_sample.png"
