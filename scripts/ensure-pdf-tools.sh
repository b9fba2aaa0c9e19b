#!/usr/bin/env bash
# Make sure the PDF step and its tests have what they need from Debian: Pango and fontconfig (WeasyPrint lays
# text out with them), the fonts the PDF embeds (nothing is fetched from any other host), and poppler-utils
# (pdftoppm renders PDF pages to PNG for the previews and their test). Installs through apt when we are root,
# otherwise stops and says how. Sibling of ensure-chromium.sh.
set -euo pipefail
# Debian package -> how to see that it is there: a command, a shared library, or a font family.
declare -A NEEDS=(
  [fontconfig]="command:fc-list"
  [libpango-1.0-0]="library:libpango-1.0.so.0"
  [fonts-sil-charis]="fc-list:Charis SIL"
  [fonts-open-sans]="fc-list:Open Sans"
  [fonts-dejavu-core]="fc-list:DejaVu Sans Mono"
  [poppler-utils]="command:pdftoppm"
)
missing=()
for package in "${!NEEDS[@]}"; do
  probe=${NEEDS[$package]}
  kind=${probe%%:*}
  what=${probe#*:}
  if [ "$kind" = command ]; then
    command -v "$what" >/dev/null || missing+=("$package")
  elif [ "$kind" = library ]; then
    ldconfig -p 2>/dev/null | grep -F "$what" >/dev/null || missing+=("$package")
  else
    fc-list : family 2>/dev/null | grep -iF "$what" >/dev/null || missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages for the PDF: ${missing[*]}..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The PDF step needs these Debian packages: ${missing[*]}." >&2
echo "Install them with:  sudo apt-get install ${missing[*]}" >&2
exit 1
