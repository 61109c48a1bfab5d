#!/usr/bin/env bash
# Fails when the header and the library's exports disagree: every function declared in
# rtdriver.h must be exported by librtdriver.so, and every exported rt_* function declared.
set -euo pipefail
header="$1"; lib="$2"
[ -f "$header" ] || { echo "not ok - header $header missing"; exit 1; }
[ -f "$lib" ] || { echo "not ok - library $lib missing"; exit 1; }
# Declarations: an identifier rt_* directly followed by '(' on a line that is not a comment or macro.
declared=$(sed -e 's://.*$::' "$header" | grep -v '^\s*\*' | grep -v '^\s*#' \
  | grep -oE '\brt_[a-z0-9_]+\s*\(' | sed -E 's/\s*\($//' | sort -u)
exported=$(nm -D --defined-only "$lib" | awk '$2 == "T" && $3 ~ /^rt_/ {sub(/@.*/, "", $3); print $3}' | sort -u)
missing=$(comm -23 <(echo "$declared") <(echo "$exported"))
undeclared=$(comm -13 <(echo "$declared") <(echo "$exported"))
status=0
if [ -n "$missing" ]; then echo "not ok - declared in rtdriver.h but not exported:"; echo "$missing" | sed 's/^/    /'; status=1; fi
if [ -n "$undeclared" ]; then echo "not ok - exported but not declared in rtdriver.h:"; echo "$undeclared" | sed 's/^/    /'; status=1; fi
[ $status -eq 0 ] && echo "ok - header and exports agree ($(echo "$declared" | wc -l) functions)"
exit $status
