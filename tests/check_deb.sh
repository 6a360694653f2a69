#!/usr/bin/env bash
# The Debian package as a radiologist's machine gets it: build/mensura_<version>_amd64.deb
# (written by ./mensura-dev package) holds the programs, the desktop entry and the icon, depends
# on Debian 12 packages that exist, and its mensura-cli, unpacked with dpkg -x, reads a sample
# series.
#   tests/check_deb.sh DEB SAMPLE_SERIES_FOLDER
set -uo pipefail
deb=$1 series=$2
fail() { echo "check_deb: $*"; exit 1; }
[ -f "$deb" ] || fail "$deb is missing: run ./mensura-dev package first"
[ -d "$series" ] || fail "sample series $series is missing"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

contents=$(dpkg-deb -c "$deb") || fail "dpkg-deb cannot read $deb"
for f in ./usr/bin/mensura ./usr/bin/mensura-cli ./usr/bin/mensura-report ./usr/bin/mensura-case \
         ./usr/bin/mensura-pacs ./usr/bin/mensura-phantom ./usr/bin/mensura-make-series \
         ./usr/share/applications/mensura.desktop ./usr/share/icons/hicolor/scalable/apps/mensura.svg \
         ./usr/share/mensura/case.schema.json ./usr/share/doc/mensura/LICENSE; do
  grep -q " $f\$" <<< "$contents" || fail "$deb has no $f"
done
# Libraries, headers and test data are not for a reading workstation.
grep -qE '\.a$|/include/|libmensura-testing' <<< "$contents" && fail "$deb holds development files"

depends=$(dpkg-deb -f "$deb" Depends)
[ -n "$depends" ] || fail "$deb declares no dependencies"
for lib in libdcmtk libinsighttoolkit libqt6 libvtk9; do
  grep -q "$lib" <<< "$depends" || fail "Depends names no $lib package: $depends"
done
# Every package named exists in Debian 12 (here: is installed, since the build needed it).
for pkg in $(tr ',' '\n' <<< "$depends" | sed -E 's/\(.*\)//; s/\|.*//' | tr -d ' '); do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
    fail "Depends names $pkg, which is not installed here"
done

dpkg -x "$deb" "$work/root" || fail "dpkg -x failed"
out=$("$work/root/usr/bin/mensura-cli" info "$series" --json) || fail "the packaged mensura-cli info failed: $out"
python3 - "$out" <<'PY' || fail "the packaged mensura-cli printed no series geometry: $out"
import json, sys
j = json.loads(sys.argv[1])
s = j["series"][0]
assert s["rows"] > 0 and s["columns"] > 0 and s["slices"] > 0 and len(s["spacingMm"]) == 3, s
PY
version=$("$work/root/usr/bin/mensura-cli" --version) || fail "mensura-cli --version failed"
grep -q "$(dpkg-deb -f "$deb" Version)" <<< "$version" || fail "mensura-cli --version says '$version'"
count=$(tr "," "\n" <<< "$depends" | wc -l)
echo "check_deb: $deb holds the programs and desktop entry, depends on $count packages;"
echo "its mensura-cli reads $series"
