#!/usr/bin/env bash
# Checks every #include under src/ against the allowed library graph (docs/architecture.md).
#   tests/check_layering.sh [ROOT]     exit 0 when clean, 1 with one line per violation
# The build enforces the same graph (a library sees only the headers of what it links); this
# check also covers third-party headers: Qt only in viewer/, report/ and apps/ (a
# QGuiApplication for the PDF report), VTK only in viewer/,
# ITK only in .cpp files of dicom/, measure/ and testing/, DCMTK only inside dicom/,
# dicom-objects/ and pacs/, libcurl only in pacs/.
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
declare -A allowed=(
  [core]=""
  [dicom]="core"
  [measure]="core"
  [annotations]="core measure"
  [case]="core measure annotations dicom"
  [dicom-objects]="core dicom measure annotations case"
  [export]="core dicom measure annotations case dicom-objects"
  [pacs]="core dicom"
  [testing]="core dicom measure"
  [viewer-model]="core measure annotations"
  [report]="core dicom measure annotations case dicom-objects export viewer-model"
  [viewer]="core dicom measure annotations case dicom-objects export pacs viewer-model report"
  [apps]="core dicom measure annotations case dicom-objects export pacs testing viewer-model report viewer"
)
violations=0
report() { echo "$1:$2: $3"; violations=$((violations + 1)); }
in_list() { local x=$1; shift; for y in $*; do [ "$x" = "$y" ] && return 0; done; return 1; }

[ -d "$root/src" ] || { echo "check_layering: no src/ under $root"; exit 2; }
for dir in "$root"/src/*/; do
  lib=$(basename "$dir")
  if [ -z "${allowed[$lib]+set}" ]; then
    report "src/$lib" 0 "library '$lib' is not in the layering graph of tests/check_layering.sh"
    continue
  fi
  while IFS= read -r -d '' file; do
    rel=${file#"$root"/}
    public=0; [[ $rel == src/$lib/include/* ]] && public=1
    n=0
    while IFS= read -r line; do
      n=$((n + 1))
      [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*[\<\"]([^\>\"]+)[\>\"] ]] || continue
      inc=${BASH_REMATCH[1]}
      if [[ $inc =~ ^mensura/([a-z-]+)/ ]]; then
        target=${BASH_REMATCH[1]}
        [ "$target" = "$lib" ] && continue
        in_list "$target" "${allowed[$lib]}" ||
          report "$rel" $n "$lib may not include $inc ($lib uses: ${allowed[$lib]:-nothing})"
      elif [[ $inc =~ ^Q[A-Za-z]|^qt ]]; then
        in_list "$lib" "viewer report apps" || report "$rel" $n "Qt header $inc outside viewer/, report/ and apps/"
      elif [[ $inc =~ ^vtk ]]; then
        [ "$lib" = viewer ] || report "$rel" $n "VTK header $inc outside viewer/"
      elif [[ $inc =~ ^itk ]]; then
        in_list "$lib" "dicom measure testing" || report "$rel" $n "ITK header $inc outside dicom/, measure/, testing/"
        [ $public = 1 ] && report "$rel" $n "ITK header $inc in a public header"
      elif [[ $inc =~ ^dcmtk/ ]]; then
        in_list "$lib" "dicom dicom-objects pacs" ||
          report "$rel" $n "DCMTK header $inc outside dicom/, dicom-objects/, pacs/"
        [ $public = 1 ] && report "$rel" $n "DCMTK header $inc in a public header"
      elif [[ $inc =~ ^curl/ ]]; then
        [ "$lib" = pacs ] || report "$rel" $n "libcurl header $inc outside pacs/"
      fi
    done < "$file"
  done < <(find "$dir" -type f \( -name '*.h' -o -name '*.cpp' \) -print0)
done
if [ $violations -gt 0 ]; then
  echo "layering violated: $violations include(s) break the graph in tests/check_layering.sh"
  exit 1
fi
echo "layering clean: every include under src/ follows the library graph"
