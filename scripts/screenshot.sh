#!/bin/sh
# screenshot.sh renders an HTML report to a PNG with headless Chromium, to check how the
# page looks (layout, colours, print styles) without a browser window.
#
#   scripts/screenshot.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]
#
# OUT.png defaults to REPORT.png next to the report; the window defaults to 1280x2400.
# Needs Debian's chromium (apt-get install chromium) or $CHROMIUM. The browser runs with a
# throwaway profile and no network features, so the page must be self-contained.
set -eu

if [ $# -lt 1 ]; then
	echo "usage: $0 REPORT.html [OUT.png] [WIDTHxHEIGHT]" >&2
	exit 2
fi
in=$1
out=${2:-${in%.html}.png}
size=$(printf '%s' "${3:-1280x2400}" | tr x ,)
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$chromium" ]; then
	echo "$0: chromium not found; install it (apt-get install chromium) or set CHROMIUM" >&2
	exit 1
fi
case $in in
/*) abs=$in ;;
*) abs=$(pwd)/$in ;;
esac
case $out in
/*) ;;
*) out=$(pwd)/$out ;;
esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--hide-scrollbars --user-data-dir="$profile" --screenshot="$out" \
	--window-size="$size" "file://$abs" >/dev/null 2>&1
test -s "$out"
echo "$out"
