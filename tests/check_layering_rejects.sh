#!/usr/bin/env bash
# tests/check_layering.sh must reject each kind of planted violation, naming the file and line,
# and accept the untouched tree. Works on a copy of src/ in a temporary folder.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
plant() {  # plant FILE LINE EXPECTED-TEXT
  rm -rf "$work/src"; cp -r "$root/src" "$work/src"
  printf '%s\n' "$2" >> "$work/$1"
  out=$("$here/check_layering.sh" "$work"); rc=$?
  if [ $rc -ne 1 ] || ! grep -q "^$1:[0-9]*: .*$3" <<< "$out"; then
    echo "NOT REJECTED: '$2' in $1 (exit $rc): $out"; fail=1
  else
    echo "rejected: '$2' in $1"
  fi
}
rm -rf "$work/src"; cp -r "$root/src" "$work/src"
"$here/check_layering.sh" "$work" >/dev/null || { echo "the untouched tree is rejected"; fail=1; }
plant src/core/Volume.cpp '#include "mensura/dicom/DicomIndex.h"' 'core may not include mensura/dicom'
plant src/measure/Calipers.cpp '#include "mensura/annotations/Annotation.h"' 'measure may not include'
plant src/dicom/VolumeLoader.cpp '#include "mensura/case/CaseJson.h"' 'dicom may not include'
plant src/case/CaseJsonRead.cpp '#include "mensura/export/FhirExport.h"' 'case may not include'
plant src/annotations/Annotation.cpp '#include <QString>' 'Qt header QString'
plant src/report/ReportDocument.cpp '#include <vtkActor.h>' 'VTK header vtkActor.h'
plant src/measure/include/mensura/measure/Calipers.h '#include <itkImage.h>' 'ITK header itkImage.h in a public header'
plant src/case/CaseFolder.cpp '#include <dcmtk/dcmdata/dctk.h>' 'DCMTK header'
plant src/export/FhirExport.cpp '#include <curl/curl.h>' 'libcurl header'
plant src/export/FhirExport.cpp '#include "mensura/testing/Scene.h"' 'export may not include mensura/testing'
exit $fail
