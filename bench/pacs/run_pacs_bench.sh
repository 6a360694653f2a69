#!/bin/bash
# Time to retrieve a 400-slice CT (512x512) from a local Orthanc: Mensura over C-GET, C-MOVE
# and WADO-RS, beside DCMTK's getscu and movescu (+storescp) on the same study.
# Usage: bench/pacs/run_pacs_bench.sh [BUILD_DIR] [SLICES]   (default build-pacs, 400)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build-pacs}
SLICES=${2:-400}
WORK=$(mktemp -d /tmp/mensura-pacs-bench-XXXXXX)
ORTHANC_PID=; SCP_PID=
cleanup() {
  [ -n "$SCP_PID" ] && kill "$SCP_PID" 2>/dev/null || true
  [ -n "$ORTHANC_PID" ] && kill -9 -- "-$ORTHANC_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
DICOM=$(port); HTTP=$(port); MOVE=$(port)
mkdir -p "$WORK/db"
cat > "$WORK/orthanc.json" <<JSON
{ "Name": "bench", "StorageDirectory": "$WORK/db", "IndexDirectory": "$WORK/db",
  "HttpPort": $HTTP, "DicomPort": $DICOM, "DicomAet": "ORTHANC", "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "HttpsCACertificates": "",
  "DicomModalities": { "mensura": { "AET": "MENSURA", "Host": "127.0.0.1", "Port": $MOVE,
     "AllowEcho": true, "AllowFind": true, "AllowGet": true, "AllowMove": true, "AllowStore": true } },
  "Plugins": ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"],
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/" } }
JSON
setsid /usr/sbin/Orthanc "$WORK/orthanc.json" > "$WORK/orthanc.log" 2>&1 &
ORTHANC_PID=$!
for _ in $(seq 200); do curl -sf "http://127.0.0.1:$HTTP/system" >/dev/null && break; sleep 0.05; done
"$BUILD/bin/mensura-make-series" --out "$WORK/ct" --size 512 512 "$SLICES" >/dev/null
find "$WORK/ct" -type f | while read -r f; do curl -sf -X POST --data-binary "@$f" "http://127.0.0.1:$HTTP/instances" >/dev/null; done
STUDY=$(curl -s "http://127.0.0.1:$HTTP/dicom-web/studies" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["0020000D"]["Value"][0])')
TS=$(dcmdump +P TransferSyntaxUID "$(find "$WORK/ct" -type f | head -1)" | awk '{print $3}')
MB=$(du -sm "$WORK/ct" | cut -f1)
echo "study $STUDY: $SLICES slices, $MB MB, transfer syntax $TS"
PACS="$BUILD/bin/mensura-pacs"
PEER="--peer ORTHANC@127.0.0.1:$DICOM --aet MENSURA"
timeit() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "FAILED: $*" >&2; exit 1; }; e=$(date +%s.%N); echo "$e - $s" | bc; }
count() { find "$1" -type f -name '*' | grep -v '\.part$' | wc -l; }
run() { rm -rf "$WORK/out"; mkdir -p "$WORK/out"; T=$(timeit "$@"); N=$(count "$WORK/out"); }
run "$PACS" pacs get $PEER --study "$STUDY" --out "$WORK/out" --method get; T_MGET=$T; N_MGET=$N
run "$PACS" pacs get $PEER --study "$STUDY" --out "$WORK/out" --method move --move-port "$MOVE"; T_MMOVE=$T; N_MMOVE=$N
run "$PACS" pacs get --dicomweb "http://127.0.0.1:$HTTP/dicom-web" --study "$STUDY" --out "$WORK/out"; T_WADO=$T; N_WADO=$N
run getscu -S +xt -aet MENSURA -aec ORTHANC 127.0.0.1 "$DICOM" -k QueryRetrieveLevel=STUDY -k StudyInstanceUID="$STUDY" -od "$WORK/out"; T_GETSCU=$T; N_GETSCU=$N
rm -rf "$WORK/out"; mkdir -p "$WORK/out"
storescp -aet MENSURA +xa -od "$WORK/out" "$MOVE" & SCP_PID=$!
sleep 0.3
T_MOVESCU=$(timeit movescu -S -aet MENSURA -aec ORTHANC -aem MENSURA 127.0.0.1 "$DICOM" -k QueryRetrieveLevel=STUDY -k StudyInstanceUID="$STUDY")
kill "$SCP_PID"; SCP_PID=; N_MOVESCU=$(count "$WORK/out")
ratio() { echo "scale=2; $1 / $2" | bc; }
echo
echo "| method | files | seconds | vs getscu | vs movescu |"
echo "|---|---|---|---|---|"
echo "| Mensura C-GET | $N_MGET | $T_MGET | $(ratio $T_MGET $T_GETSCU) | |"
echo "| Mensura C-MOVE | $N_MMOVE | $T_MMOVE | | $(ratio $T_MMOVE $T_MOVESCU) |"
echo "| Mensura WADO-RS | $N_WADO | $T_WADO | $(ratio $T_WADO $T_GETSCU) | $(ratio $T_WADO $T_MOVESCU) |"
echo "| getscu -S +xt | $N_GETSCU | $T_GETSCU | 1.00 | |"
echo "| movescu -S + storescp | $N_MOVESCU | $T_MOVESCU | | 1.00 |"
