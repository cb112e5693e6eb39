#!/usr/bin/env bash
# One-command set-up: system packages for the PDF step (Debian/Ubuntu, when root), npm
# dependencies, then the report of the bundled sample. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
have() { command -v "$1" >/dev/null 2>&1; }
if have apt-get && [ "$(id -u)" = 0 ]; then
  want_browser=0
  have chromium-headless-shell || [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] || want_browser=1
  have pdftotext || need_apt+=(poppler-utils)
  have fc-list || need_apt+=(fontconfig)
  for f in fonts-dejavu-core fonts-noto-core fonts-noto-color-emoji fonts-noto-cjk; do
    dpkg -s "$f" >/dev/null 2>&1 || need_apt+=("$f")
  done
  extra_shell=0
  if [ ${#need_apt[@]} -gt 0 ] || [ $want_browser = 1 ]; then
    apt-get update -qq || [ ${#need_apt[@]} -eq 0 ] # offline with everything needed: go on
    # Debian's headless shell prints the same PDF as chromium and starts ~10x lighter; where the
    # distribution has none (Ubuntu), chromium. Beside an installed chromium it is optional.
    if [ $want_browser = 1 ]; then
      if apt-cache show chromium-headless-shell >/dev/null 2>&1; then
        if have chromium; then extra_shell=1; else need_apt+=(chromium-headless-shell); fi
      elif ! have chromium; then need_apt+=(chromium); fi
    fi
  fi
  if [ ${#need_apt[@]} -gt 0 ]; then
    echo "setup: installing ${need_apt[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  fi
  if [ $extra_shell = 1 ]; then
    echo "setup: installing chromium-headless-shell (faster PDFs than chromium)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium-headless-shell >/dev/null \
      || echo "setup: chromium-headless-shell could not be installed; chromium prints the PDF" >&2
  fi
elif ! have chromium-headless-shell && ! have chromium && ! have google-chrome && [ -z "${PUPPETEER_EXECUTABLE_PATH:-}" ]; then
  # A laptop without a system browser: let puppeteer fetch its own Chrome for the PDF step.
  export SVREPORT_DOWNLOAD_BROWSER=1
fi

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
if [ "${SVREPORT_DOWNLOAD_BROWSER:-}" = 1 ]; then
  npx --yes puppeteer browsers install chrome-headless-shell || echo "setup: could not download Chrome; install Chrome or Chromium for the PDF step" >&2
fi

node bin/svreport.js build --config report.config.yaml
