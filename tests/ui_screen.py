#!/usr/bin/env python3
"""ui_screen.py - reads what tmux shows of tlstrace's interface, for
tests/ui.sh.  Input is `tmux capture-pane -p` (plain) or `-p -e` (with the
escape sequences of colours and attributes).  Each command prints its
answer on stdout; the shell test compares.

  hl-hex FILE          hex of the highlighted bytes in the Bytes tab's dump
  field FILE NAME      value of field NAME in the Bytes tab's header line
  secret FILE LABEL [AFTER]
                       hex shown for LABEL in the Secrets tab (wrapped rows joined),
                       the first one below a line containing AFTER if given
  marks FILE           the nine step marks as done/skipped/failed/pending, one line
  pos FILE TEXT        "column row" (0-based) of the first TEXT on the screen
  click COL ROW        the bytes of a left click there (xterm X10 mouse report)
  colors FILE          "yes" if any foreground/background colour is set, else "no"
  json FILE PATH [N]   value at PATH (a.b.c) of JSON line N (default 0) of FILE
  statuses FILE [N]    the nine step statuses of JSON line N, as marks prints them
  ports FILE           "client_port server_port" of every JSON line
  pane-width FILE      columns of text in the detail pane (the one with the tabs)
  pane-text FILE       the detail pane's rows of text, one a line, spaces trimmed
"""
import json
import re
import sys
import unicodedata

SGR = re.compile(r'\x1b\[([0-9;]*)m')
OTHER_ESC = re.compile(r'\x1b[\[\]()][0-9;?]*[A-Za-z]')
HEX_LINE = re.compile(r'^\S? ([0-9a-f]{4})  ')


def cells(line):
    """The characters of a line of capture-pane -e, each with a 'reverse' flag."""
    out = []
    rev = False
    i = 0
    while i < len(line):
        m = SGR.match(line, i)
        if m:
            params = [p for p in m.group(1).split(';')] if m.group(1) else ['0']
            for p in params:
                if p in ('', '0'):
                    rev = False
                elif p == '7':
                    rev = True
                elif p == '27':
                    rev = False
            i = m.end()
            continue
        m = OTHER_ESC.match(line, i)
        if m:
            i = m.end()
            continue
        out.append((line[i], rev))
        i += 1
    return out


def plain_lines(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        return [''.join(c for c, _ in cells(l.rstrip('\n'))) for l in f]


def hl_hex(path):
    hexes = []
    with open(path, encoding='utf-8', errors='replace') as f:
        for raw in f:
            cs = cells(raw.rstrip('\n'))
            text = ''.join(c for c, _ in cs)
            m = HEX_LINE.match(text)
            if not m:
                continue
            start = m.end()
            # 16 bytes: "xx " x 16 plus the gap in the middle
            for c, rev in cs[start:start + 49]:
                if rev and c in '0123456789abcdef':
                    hexes.append(c)
    return ''.join(hexes)


def field(path, name):
    for line in plain_lines(path):
        m = re.search(r'[│|] ' + re.escape(name) + r': (\S+)', line)
        if m:
            return m.group(1)
    return ''


def secret(path, label, after=None):
    lines = plain_lines(path)
    if after:
        for i, line in enumerate(lines):
            if after in line:
                lines = lines[i + 1:]
                break
        else:
            return ''
    for i, line in enumerate(lines):
        m = re.match(r'^\S? ' + re.escape(label) + r'\s{2,}([0-9a-f]+)\s', line + ' ')
        if not m:
            continue
        col = line.index(m.group(1))
        value = m.group(1)
        for nxt in lines[i + 1:]:
            cont = nxt[col:].split(' ')[0] if len(nxt) > col else ''
            if nxt[1:col].strip() or not re.fullmatch(r'[0-9a-f]+', cont or 'x'):
                break
            value += cont
        return value
    return ''


MARKS = {'\u2713': 'done', '*': 'done', '\u2013': 'skipped', '-': 'skipped',
         '\u2717': 'failed', 'X': 'failed', '\u00b7': 'pending', '.': 'pending'}


def marks(path):
    found = {}
    for line in plain_lines(path):
        m = re.match(r'^\S(.) (\S) ([1-9]) ', line)
        if m and int(m.group(3)) not in found:
            found[int(m.group(3))] = MARKS.get(m.group(2), '?' + m.group(2))
    return ' '.join(found.get(s, 'missing') for s in range(1, 10))


def colors(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        for m in SGR.finditer(f.read()):
            for p in m.group(1).split(';'):
                if p.isdigit() and (30 <= int(p) <= 37 or 40 <= int(p) <= 47 or 90 <= int(p) <= 107
                                    or int(p) in (38, 48)):
                    return 'yes'
    return 'no'


def json_lines(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


def json_path(path, keypath, n=0):
    v = json_lines(path)[n]
    for k in keypath.split('.'):
        v = v[int(k)] if isinstance(v, list) else v[k]
    return '' if v is None else str(v)


def statuses(path, n=0):
    names = {'done': 'done', 'skipped': 'skipped', 'failed': 'failed', 'not-reached': 'pending'}
    return ' '.join(names[s['status']] for s in json_lines(path)[n]['steps'])


def columns(c):
    """Display columns of a character, as the terminal (glibc wcwidth) counts them."""
    if unicodedata.combining(c):
        return 0
    return 2 if unicodedata.east_asian_width(c) in 'WF' else 1


def detail_pane(path):
    """(rows, left, right): the detail pane's inner rows and the display
    columns of its text, [left, right): inside the border and a margin
    of one, as ui_detail_body lays it out."""
    lines = plain_lines(path)
    for i in range(1, len(lines)):
        if ('1 Fields' in lines[i] or '1 \u30d5\u30a3\u30fc\u30eb\u30c9' in lines[i]) and \
                lines[i - 1].startswith('\u250c'):
            top = lines[i - 1]
            right = sum(columns(c) for c in top[:top.index('\u2510') + 1])
            rows = []
            for line in lines[i:]:
                if line.startswith('\u2514'):
                    break
                rows.append(line)
            return rows, 2, right - 2
    return [], 0, 0


def cut(line, left, right):
    """The characters of line between display columns left and right."""
    out, col = [], 0
    for c in line:
        if left <= col < right:
            out.append(c)
        col += columns(c)
    return ''.join(out)


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == 'hl-hex':
        print(hl_hex(args[0]))
    elif cmd == 'field':
        print(field(args[0], args[1]))
    elif cmd == 'secret':
        print(secret(args[0], args[1], args[2] if len(args) > 2 else None))
    elif cmd == 'marks':
        print(marks(args[0]))
    elif cmd == 'pos':
        for y, line in enumerate(plain_lines(args[0])):
            if args[1] in line:
                print(line.index(args[1]), y)
                break
    elif cmd == 'click':
        x, y = int(args[0]), int(args[1])
        press = '\x1b[M' + chr(32) + chr(33 + x) + chr(33 + y)
        release = '\x1b[M' + chr(35) + chr(33 + x) + chr(33 + y)
        sys.stdout.write(press + release)
    elif cmd == 'colors':
        print(colors(args[0]))
    elif cmd == 'json':
        print(json_path(args[0], args[1], int(args[2]) if len(args) > 2 else 0))
    elif cmd == 'statuses':
        print(statuses(args[0], int(args[1]) if len(args) > 1 else 0))
    elif cmd == 'ports':
        for j in json_lines(args[0]):
            print(j['client']['port'], j['server']['port'])
    elif cmd == 'pane-width':
        _, left, right = detail_pane(args[0])
        print(right - left)
    elif cmd == 'pane-text':
        rows, left, right = detail_pane(args[0])
        for line in rows:
            print(cut(line, left, right).strip())
    else:
        sys.exit('unknown command ' + cmd)


if __name__ == '__main__':
    main()
