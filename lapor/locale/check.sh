#!/bin/sh
# Fails when the Indonesian catalogue has untranslated or fuzzy entries, or when a
# committed .mo file does not match its .po (the .mo files are committed so that servers need
# no gettext). Run from anywhere: sh lapor/locale/check.sh
set -eu
here=$(dirname "$0")
status=0
stats=$(LC_ALL=C msgfmt --check-format --statistics -o /dev/null "$here/id/LC_MESSAGES/django.po" 2>&1)
echo "id: $stats"
translated=$(echo "$stats" | sed -n 's/^\([0-9]*\) translated.*/\1/p')
untranslated=$(echo "$stats" | sed -n 's/.* \([0-9]*\) untranslated.*/\1/p')
fuzzy=$(echo "$stats" | sed -n 's/.* \([0-9]*\) fuzzy.*/\1/p')
echo "${translated:-0} translated, ${untranslated:-0} untranslated, ${fuzzy:-0} fuzzy"
if [ -n "$untranslated$fuzzy" ]; then status=1; fi
tmp=$(mktemp)
for lang in id en; do
    po="$here/$lang/LC_MESSAGES/django.po"
    mo="$here/$lang/LC_MESSAGES/django.mo"
    # Same command as compilemessages, so the bytes must match.
    msgfmt --check-format -o "$tmp" "$po"
    if ! cmp -s "$tmp" "$mo"; then
        echo "$mo is missing or stale: run manage.py compilemessages"
        status=1
    fi
done
rm -f "$tmp"
exit $status
