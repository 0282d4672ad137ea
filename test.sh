#!/usr/bin/env bash
# Builds and runs every test project, then prints one closing line: "tests: N passed, N failed, N skipped".
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
# Chromium is needed by the browser tests (tests/Athar.Web.Tests/Browser); ATHAR_NEED_BROWSER=0 skips installing it.
ATHAR_NEED_BROWSER=${ATHAR_NEED_BROWSER:-1} ./scripts/ensure-native.sh
log="$(mktemp)"
dotnet build Athar.slnx -c Release -nologo -clp:ErrorsOnly 2>&1 | tee -a "$log"
build=${PIPESTATUS[0]}
if [ "$build" -ne 0 ]; then
  echo "tests: 0 passed, 1 failed"
  exit 1
fi
# The browser tests run after the others, on a quiet machine: alongside the CLI tests' ingests and card reading
# on two cores, a page that renders sixty thumbnails has taken more than the 90 s a step may wait.
browser='FullyQualifiedName~Athar.Web.Tests.Browser.|FullyQualifiedName~BrowserTests'
dotnet test Athar.slnx -c Release --no-build -nologo --filter "FullyQualifiedName!~Athar.Web.Tests.Browser.&FullyQualifiedName!~BrowserTests" 2>&1 | tee -a "$log"
status=${PIPESTATUS[0]}
dotnet test tests/Athar.Web.Tests/Athar.Web.Tests.csproj -c Release --no-build -nologo --filter "$browser" 2>&1 | tee -a "$log"
browser_status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then status=$browser_status; fi
passed=0; failed=0; skipped=0
while IFS= read -r line; do
  p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line"); f=$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$line"); s=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
done < <(grep -E '^(Passed|Failed)! +- ' "$log")
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$skipped" -gt 0 ]; then echo "tests: $passed passed, $failed failed, $skipped skipped"; else echo "tests: $passed passed, $failed failed"; fi
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
