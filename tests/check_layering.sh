#!/usr/bin/env bash
# imaging/ and annotations/ must include no Qt and no VTK header (architecture.md), and ITK
# headers stay out of imaging/'s public headers.
root=${1:-.}
hits=$(grep -rnE '^\s*#\s*include\s*[<"](Q[A-Za-z]|vtk)' "$root/imaging" "$root/annotations")
itk=$(grep -rnE '^\s*#\s*include\s*[<"]itk' "$root"/imaging/*.h "$root"/annotations/*.h 2>/dev/null)
if [ -n "$hits$itk" ]; then
  echo "layering violated:"; echo "$hits"; echo "$itk"; exit 1
fi
echo "imaging/ and annotations/ include no Qt or VTK header; no ITK in public headers"
