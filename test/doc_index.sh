#!/usr/bin/env bash
# The reference list README.md shows between its doc-index markers: one
# line per doc/*.md page, titled by the page's first heading.
# `make doc-index` writes it into README.md; test/scripts/docs.sh checks it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
for page in "$root"/doc/*.md; do
	[ -e "$page" ] || continue
	title=$(sed -n 's/^# //p' "$page" | head -n 1)
	echo "- [${title:-$(basename "$page" .md)}](doc/$(basename "$page"))"
done
