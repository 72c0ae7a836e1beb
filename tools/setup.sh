#!/usr/bin/env bash
# Everything banmian needs on a fresh Debian machine: the command-line PDF tools the tests
# use (poppler-utils, qpdf, ghostscript), the last-resort face for rare ideographs
# (fonts-hanazono: HanaMin A/B, CJK Ext. A-F, too large to ship; fonts/README.md) and the
# Python package with its test tools. The other fonts ship in fonts/.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v gs >/dev/null 2>&1 || need+=(ghostscript)
# The paths fonts/manifest.yaml names (faces hana-a, hana-b).
for face in HanaMinA HanaMinB; do
  if [ ! -f "/usr/share/fonts/truetype/hanazono/$face.ttf" ]; then
    need+=(fonts-hanazono)
    break
  fi
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
python3 -m pip install -q --disable-pip-version-check -e '.[test]'
