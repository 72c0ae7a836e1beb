#!/usr/bin/env bash
# Everything banmian needs on a fresh Debian machine: the command-line PDF tools the tests
# use (poppler-utils, qpdf, ghostscript), the last-resort face for rare ideographs
# (fonts-hanazono: HanaMin A/B, CJK Ext. A-F, too large to ship; fonts/README.md), what pip
# needs to install the package and compile its two C extensions (python3-pip, gcc, Python's
# headers), and the Python package with its test tools. The other fonts ship in fonts/.
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
# A stock Debian has python3 without pip, a C compiler or Python's headers. The Debian
# packages are asked for only when python3 is Debian's own (/usr/bin/python3): a pyenv or
# venv Python brings its own pip and headers.
debian_python=$(python3 -c 'import sys; print(int(sys.base_prefix == "/usr"))')
if [ "$debian_python" = 1 ]; then
  python3 -m pip --version >/dev/null 2>&1 || need+=(python3-pip)
  headers=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
  [ -f "$headers/Python.h" ] || need+=(python3-dev)
fi
command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || need+=(gcc)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
pip_flags=(-q --disable-pip-version-check)
# Debian 12's python3 is "externally managed" (PEP 668): pip refuses to install into it
# outside a virtual environment. The README's set-up is two commands on the system's python3,
# so the package goes where pip puts it for that Python (/usr/local as root, ~/.local
# otherwise), which leaves the files of Debian's own packages alone; in a venv nothing
# changes. Say so, once.
managed=$(python3 -c 'import sys, sysconfig, os
print(int(sys.prefix == sys.base_prefix
          and os.path.exists(os.path.join(sysconfig.get_paths()["stdlib"], "EXTERNALLY-MANAGED"))))')
if [ "$managed" = 1 ]; then
  echo "setup: $(command -v python3) is externally managed (PEP 668); installing with" \
    "--break-system-packages (into $(python3 -c 'import site, os; print("/usr/local" if os.geteuid() == 0 else site.getuserbase())'))." \
    "For a virtual environment instead: python3 -m venv .venv && . .venv/bin/activate, then run this again." >&2
  pip_flags+=(--break-system-packages)
  if [ "$(id -u)" -ne 0 ]; then
    pip_flags+=(--user)
  fi
fi
python3 -m pip install "${pip_flags[@]}" -e '.[test]'
