#!/usr/bin/env bash
# The English catalogue has every message grille can print, and no stale one;
# every source file with a message is in po/POTFILES. The messages are taken
# from the sources as the build's i18n module takes them (po/meson.build).
. "$(dirname "$0")/lib.sh"

src="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$src" || exit 1

missing=$(grep -l '_("\|N_("\|ngettext(' lib/*.c cli/*.c | LC_ALL=C sort | comm -23 - <(LC_ALL=C sort po/POTFILES))
is "$missing" "" "every source file with a message is in po/POTFILES"

xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=W_:2 --keyword=WN_:2,3 --keyword=WL_:2,3 --add-comments=TRANSLATORS --package-name=grille \
	-f po/POTFILES -o "$TEST_ROOT/grille.pot" 2>"$TEST_ROOT/xgettext.err"
ok $? "xgettext reads every file of po/POTFILES"
msgmerge -q --no-fuzzy-matching po/en.po "$TEST_ROOT/grille.pot" -o "$TEST_ROOT/merged.po"
ok $? "po/en.po merges with the messages of the sources"
untranslated=$(msgattrib --untranslated --no-obsolete "$TEST_ROOT/merged.po" | grep -c '^msgid ')
is "$untranslated" 0 "every message has its English"
if [ "$untranslated" -gt 0 ]; then
	msgattrib --untranslated --no-obsolete "$TEST_ROOT/merged.po" | grep -A1 '^msgid ' | head -20 | sed 's/^/# /'
fi
stale=$(msgattrib --only-obsolete "$TEST_ROOT/merged.po" | grep -c '^#~ msgid ')
is "$stale" 0 "po/en.po has no message the sources no longer have"
fuzzy=$(msgattrib --only-fuzzy "$TEST_ROOT/merged.po" | grep -c '^msgid ')
is "$fuzzy" 0 "and no fuzzy one"
msgfmt -c -o /dev/null po/en.po
ok $? "msgfmt -c accepts po/en.po (formats match)"
done_testing
