#!/usr/bin/env bash
# Installs the Debian packages the tests use: Chromium and its driver (accessibility checks
# with axe-core in a real browser), LibreOffice Calc (opening the published spreadsheets), the
# fonts and Pango library WeasyPrint needs to write the PDFs, and a Java runtime for Spark
# (Debian's default JDK, 17 or 21: both run the Spark of the pinned PySpark).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)  # PDF pages as images, to look at them
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
ldconfig -p 2>/dev/null | grep -q libpangoft2 || need+=(libpangoft2-1.0-0)
command -v java >/dev/null 2>&1 || [ -x "${JAVA_HOME:-/nonexistent}/bin/java" ] || need+=(default-jdk-headless)
if [ ${#need[@]} -gt 0 ]; then
  echo "system-packages: installing ${need[*]} (a few minutes the first time)"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  $SUDO mkdir -p /usr/share/man/man1  # slim Debian images lack it; the JDK's install needs it
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
