#!/usr/bin/env python3
"""Every command of grille's command table has a man page in French
(man/PAGE.scd) and in English (man/en/PAGE.scd), and each page names exactly
the options the command accepts: every one it accepts is a term of its
OPTIONS list (so it is described, not only shown in the SYNOPSIS), and every
one its SYNOPSIS or OPTIONS names is one it accepts. TAP on stdout.

The options a command accepts are read from its source, cli/cmd_NAME.c: the
entries of its `struct option` tables ({ "reason", required_argument, ... })
and the short-option strings it hands getopt_long(). That is what getopt
itself accepts, so nothing can be accepted and missing from the page; the
--help text is prose written beside the table, free to be reflowed or
translated, and would let an option missing from both pass unseen.

Usage: manpages-check.py SOURCE_ROOT
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..')
LANGUAGES = [('fr', 'man'), ('en', os.path.join('man', 'en'))]
GLOBAL_ONLY = {'-C'}  # grille's own option, written before the command in every synopsis

COMMAND = re.compile(r'\{\s*"([^"]+)",\s*cmd_\w+,\s*([^,]+),')
LONG = re.compile(r'\{\s*"([a-z][a-z0-9-]*)",\s*(?:no|required|optional)_argument')
SHORTS = re.compile(r'getopt_long\(\s*argc,\s*argv,\s*"([^"]*)"')
OPTION = re.compile(r'(?<![\w-])(--?[A-Za-z][A-Za-z0-9-]*)')


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def commands():
    """The command table of cli/main.c, hidden commands left out."""
    text = read(os.path.join(ROOT, 'cli', 'main.c'))
    table = text[text.index('commands[] = {'):]
    table = table[:table.index('};')]
    return [name for name, flags in COMMAND.findall(table) if 'HIDDEN' not in flags]


def accepted(source):
    """The long and short options the getopt_long() calls of `source` accept."""
    text = read(os.path.join(ROOT, 'cli', source))
    options = {'--' + name for name in LONG.findall(text)}
    for shorts in SHORTS.findall(text):
        options |= {'-' + c for c in shorts if c.isalnum()}
    if 'only_help_option(' in text:  # cli/print.c's parser for the commands that take only --help
        options |= {'--help', '-h'}
    return options


def page_of(command):
    """The page that documents `command`, and the source of its options."""
    if command == 'help':
        return 'grille.1', 'main.c'  # grille(1) documents help, and grille's own options
    if command == 'grid':
        return 'grille-grid-upgrade.1', 'cmd_grid.c'  # grid's one sub-command
    return 'grille-%s.1' % command, 'cmd_%s.c' % command


def sections(text):
    """Top-level sections of an scdoc page, by heading; literal blocks skipped."""
    result, name, fenced = {}, None, False
    for line in text.split('\n'):
        if line.strip().startswith('```'):
            fenced = not fenced
        elif not fenced and line.startswith('# '):
            name = line[2:].strip()
            result.setdefault(name, [])
            continue
        if name is not None:
            result[name].append(line)
    return result


def documented(text):
    """The options a page describes, the terms of its OPTIONS list (lines
    that start with "*-"; the prose between them may name other commands'
    options, as "grille status --all"), and those its SYNOPSIS shows."""
    parts = sections(text)
    described, shown = set(), set()
    for line in parts.get('SYNOPSIS', []):
        shown |= set(OPTION.findall(line))
    for line in parts.get('OPTIONS', []):
        if line.startswith('*-'):
            described |= set(OPTION.findall(line))
    return described, shown


def main():
    n = failed = 0
    for command in commands():
        page, source = page_of(command)
        options = accepted(source)
        for lang, folder in LANGUAGES:
            n += 1
            path = os.path.join(ROOT, folder, page + '.scd')
            what = '%s: %s documents the options of %s' % (lang, os.path.join(folder, page + '.scd'), command)
            if not os.path.isfile(path):
                print('not ok %d - %s\n#   no such page' % (n, what))
                failed += 1
                continue
            described, shown = documented(read(path))
            missing = sorted(options - described)
            unknown = sorted((described | shown) - options - GLOBAL_ONLY)
            if missing or unknown:
                failed += 1
                print('not ok %d - %s' % (n, what))
                if missing:
                    print('#   accepted by cli/%s, not described under OPTIONS: %s' % (source, ' '.join(missing)))
                if unknown:
                    print('#   in SYNOPSIS or OPTIONS, not accepted by cli/%s: %s' % (source, ' '.join(unknown)))
            else:
                print('ok %d - %s' % (n, what))
    print('1..%d' % n)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
