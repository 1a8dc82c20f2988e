#!/usr/bin/env bash
# The report tests read issued PDFs back with poppler (pdftotext for the words, pdffonts for the
# embedded fonts): the real tools a regulator's office would use, not our own parser. Installs
# Debian's poppler-utils when missing (CI machines start without it).
set -euo pipefail
if command -v pdftotext >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1; then
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" "poppler (pdftotext, pdffonts) not found" poppler-utils
pdftotext -v 2>&1 | head -1
