#!/usr/bin/env bash
# Build the dkgis application folder dist/dkgis/ (Linux) with the current Python environment.
#
#   bash packaging/build.sh
#
# Installs PyInstaller (packaging/requirements.txt) and dkgis's own dependencies into the
# current environment when they are missing, then freezes packaging/dkgis.spec. Prints the
# build time and the size of the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
  echo "build: installing PyInstaller"
  "$PYTHON" -m pip install -q -r packaging/requirements.txt
fi
if ! "$PYTHON" -c "import dkgis.cli, PySide6, geopandas, folium, js_lib_leaflet" 2>/dev/null; then
  echo "build: installing dkgis and its dependencies"
  "$PYTHON" -m pip install -q .
fi

if ! command -v icupkg >/dev/null || ! command -v cc >/dev/null; then
  echo "build: icupkg or cc missing (Debian: icu-devtools, gcc): Qt's ICU data goes in whole (+23 MB)"
fi

start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/dkgis.spec
end=$(date +%s)

version=$("$PYTHON" -c "import dkgis; print(dkgis.__version__)")
echo "build: dist/dkgis/ (dkgis ${version}) built in $((end - start)) s, $(du -sh dist/dkgis | cut -f1)"
