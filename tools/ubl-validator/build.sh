#!/usr/bin/env bash
# Builds the UBL validator (tools/ubl-validator/target/ubl-validator.jar) with Maven, unless the
# jar is newer than the pom and every source: CI and repeated test runs skip Maven entirely.
# The first build downloads phive, the Peppol rules and their dependencies from Maven Central
# (about 30 MB into ~/.m2, on top of Maven's own plugins).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$HERE/target/ubl-validator.jar"
if [ -f "$JAR" ] && [ -d "$HERE/target/lib" ] && [ -z "$(find "$HERE/pom.xml" "$HERE/src" -newer "$JAR" -print -quit)" ]; then
  exit 0
fi
command -v mvn >/dev/null || { echo "tools/ubl-validator: Maven (mvn) is needed to build the e-invoice validator (Debian: apt-get install maven)" >&2; exit 1; }
echo "==> building the UBL validator (phive + Peppol rules) with Maven"
mvn -B -q -f "$HERE/pom.xml" -DskipTests package
touch "$JAR"
