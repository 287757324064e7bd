#!/usr/bin/env bash
# Install the built application folder (dist/dkgis) for the current user, with its menu
# entry and icons; or remove it.
#
#   bash packaging/install_linux.sh              # into ~/.local
#   PREFIX=/opt/dkgis-root bash packaging/install_linux.sh
#   bash packaging/install_linux.sh --uninstall
#
# Files: $PREFIX/lib/dkgis/ (the application folder), $PREFIX/bin/dkgis (a link to its
# executable), $PREFIX/share/applications/dkgis.desktop and
# $PREFIX/share/icons/hicolor/<n>x<n>/apps/dkgis.png. The user's settings and tile cache are
# kept on uninstall.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PREFIX="${PREFIX:-$HOME/.local}"
DIST="${DIST:-$HERE/../dist/dkgis}"
APP_DIR="$PREFIX/lib/dkgis"
DESKTOP="$PREFIX/share/applications/dkgis.desktop"
ICONS="$PREFIX/share/icons/hicolor"

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$PREFIX/share/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$APP_DIR"
  rm -f "$PREFIX/bin/dkgis" "$DESKTOP"
  rm -f "$ICONS"/*/apps/dkgis.png
  refresh_caches
  echo "dkgis removed from $PREFIX"
  exit 0
fi

if [ ! -x "$DIST/dkgis" ]; then
  echo "install: $DIST/dkgis not found: build it first with packaging/build.sh" >&2
  exit 2
fi

# Copy next to the old folder, then swap: a failed copy leaves the installed version intact.
mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$(dirname "$DESKTOP")"
rm -rf "$APP_DIR.new"
cp -a "$DIST" "$APP_DIR.new"
rm -rf "$APP_DIR"
mv "$APP_DIR.new" "$APP_DIR"
ln -sfn "$APP_DIR/dkgis" "$PREFIX/bin/dkgis"

(cd "$HERE/icons/hicolor" && find . -name dkgis.png) | while read -r icon; do
  mkdir -p "$ICONS/$(dirname "$icon")"
  cp "$HERE/icons/hicolor/$icon" "$ICONS/$icon"
done
# The menu entry starts the installed executable by its full path ($PREFIX/bin may not be
# on the desktop session's PATH).
sed -e "s|^Exec=dkgis$|Exec=$APP_DIR/dkgis|" -e "s|^TryExec=dkgis$|TryExec=$APP_DIR/dkgis|" \
  "$HERE/dkgis.desktop" > "$DESKTOP"
refresh_caches
echo "dkgis $("$APP_DIR/dkgis" --version | cut -d' ' -f2) installed in $APP_DIR"
