#!/usr/bin/env bash
# Provisions the headless browser used by the web map tests.
#
#   scripts/browser.sh          installs Debian chromium + chromium-driver (+ fonts-noto-cjk,
#                               + gdal-bin: ogrinfo, the OGC API client of OgcApiTest)
#                               when missing (root only) and prints the chromium path
#   scripts/browser.sh driver   same, but prints the chromedriver path
set -euo pipefail

find_chromium() { command -v chromium || command -v chromium-browser || true; }
find_driver() { command -v chromedriver || { [[ -x /usr/bin/chromedriver ]] && echo /usr/bin/chromedriver; } || true; }

has_cjk_font() { command -v fc-list >/dev/null && [[ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ]]; }
has_ogrinfo() { command -v ogrinfo >/dev/null || [[ -x /usr/bin/ogrinfo ]]; }

if [[ -z "$(find_chromium)" || -z "$(find_driver)" ]] || ! has_cjk_font || ! has_ogrinfo; then
  if [[ "$(id -u)" != 0 ]]; then
    if [[ -z "$(find_chromium)" || -z "$(find_driver)" ]]; then
      echo "browser.sh: chromium/chromedriver missing and not root: install Debian 'chromium' and 'chromium-driver'" >&2
      exit 1
    fi
    has_cjk_font || echo "browser.sh: warning: no Chinese font (Debian 'fonts-noto-cjk'); the page will show boxes" >&2
    has_ogrinfo || echo "browser.sh: warning: no ogrinfo (Debian 'gdal-bin'); OgcApiTest will fail" >&2
  else
    # the page is Chinese first: a CJK font makes screenshots readable
    echo "browser.sh: installing chromium chromium-driver fonts-noto-cjk gdal-bin (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    pkgs=(chromium chromium-driver fonts-noto-cjk gdal-bin)
    if ! apt-get install -y --no-install-recommends "${pkgs[@]}" >/dev/null 2>&1; then
      apt-get update -qq >/dev/null
      apt-get install -y --no-install-recommends "${pkgs[@]}" >/dev/null
    fi
  fi
fi

case "${1:-}" in
  driver) find_driver ;;
  "") find_chromium ;;
  *) echo "usage: $0 [driver]" >&2; exit 2 ;;
esac
