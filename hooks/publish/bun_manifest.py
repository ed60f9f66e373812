"""The package.json bun packs: its ``workspace:``/``catalog:`` versions resolved
from the workspace root, re-printed by bun's JSON printer (pack_command.rs:
edit_root_package_json).

Only the size matters to the publish list, but the printer is modelled whole:
objects one key a line with the indentation bun guessed from the source (the
first line break followed by spaces or tabs: that run; else two spaces),
arrays on one line, numbers as JavaScript doubles written out without an
exponent, strings re-escaped (control characters as ``\\u00XX``, U+2028,
U+2029, U+FEFF and lone surrogates as ``\\uXXXX``, everything else raw UTF-8),
a final newline when the source had one.
"""
from __future__ import annotations

import json
import math
import os
import re
from decimal import Decimal
from typing import Any

from hooks.publish.bun_glob import glob_match
from hooks.reading import open_regular

_GROUPS = ('dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies')


def _refuse(message: str) -> Exception:
    from hooks.findings import BadInput

    return BadInput('package.json', f'bun refuses to pack: {message}')


def guess_indent(raw: bytes) -> str:
    """The js_lexer's guess_indentation over the text outside strings and comments."""
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if c in (0x22, 0x27):   # a string: skip it
            i += 1
            while i < n and raw[i] != c:
                i += 2 if raw[i] == 0x5C else 1
            i += 1
            continue
        if c == 0x2F and i + 1 < n and raw[i + 1] in (0x2F, 0x2A):   # a comment
            if raw[i + 1] == 0x2F:
                while i < n and raw[i] not in (0x0A, 0x0D):
                    i += 1
            else:
                end = raw.find(b'*/', i + 2)
                i = n if end < 0 else end + 2
            continue
        if c == 0x0A:
            while i < n and raw[i] in (0x0A, 0x0D):
                i += 1
            if i < n and raw[i] in (0x20, 0x09):
                ch = raw[i]
                j = i
                while j < n and raw[j] == ch:
                    j += 1
                return chr(ch) * (j - i)
            continue
        i += 1
    return '  '


def js_number(v: float) -> str:
    """How bun's printer writes a JSON number (a double, no exponent)."""
    f = float(v)
    if math.isinf(f) or math.isnan(f):
        return 'null'   # 1e400
    return format(Decimal(repr(f)).normalize(), 'f')


_SHORT = {'"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r',
          '\t': '\\t'}


_ESCAPED = re.compile('["\\\\\x00-\x1f\u2028\u2029\ufeff\ud800-\udfff]')


def js_string(s: str) -> str:
    if not _ESCAPED.search(s):
        return f'"{s}"'
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch in _SHORT:
            out.append(_SHORT[ch])
        elif o < 0x20 or o in (0x2028, 0x2029, 0xFEFF) or 0xD800 <= o <= 0xDFFF:
            out.append(f'\\u{o:04X}')
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def print_json(value: Any, indent: str, level: int = 0) -> str:
    if isinstance(value, dict):
        if not value:
            return '{}'
        inner = indent * (level + 1)
        items = [f'{inner}{js_string(str(k))}: {print_json(v, indent, level + 1)}'
                 for k, v in value.items()]
        return '{\n' + ',\n'.join(items) + '\n' + indent * level + '}'
    if isinstance(value, list):
        if not value:
            return '[]'
        if not isinstance(value, Lines):
            return '[' + ', '.join(print_json(v, indent, level) for v in value) + ']'
        inner = indent * (level + 1)
        items = [inner + print_json(v, indent, level + 1) for v in value]
        return '[\n' + ',\n'.join(items) + '\n' + indent * level + ']'
    if isinstance(value, str):
        return js_string(value)
    if value is True:
        return 'true'
    if value is False:
        return 'false'
    if value is None:
        return 'null'
    return js_number(value)


# -- bun's JSON parser, as far as the printer needs it -------------------------

class Lines(list[Any]):
    """An array the source wrote over several lines (bun keeps it so)."""


class _Parser:
    """JSON with comments and trailing commas, as bun reads package.json.

    Arrays remember whether a line break (or a comment holding one) came
    after ``[``, around a comma or before ``]``; a repeated key keeps its
    last value at its last place.
    """

    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.newline = False

    def skip(self) -> None:
        """Whitespace and comments before the next token; notes line breaks."""
        m = _SPACE.match(self.s, self.i)
        assert m is not None   # the pattern matches the empty string
        gap = m.group()
        self.newline = bool(gap) and _NEWLINE.search(gap) is not None
        self.i = m.end()

    def peek(self) -> str:
        self.skip()
        return self.s[self.i] if self.i < len(self.s) else ''

    def value(self, depth: int = 0) -> Any:
        if depth > 512:
            raise ValueError('too deep')
        c = self.peek()
        if c == '{':
            self.i += 1
            obj: dict[str, Any] = {}
            while self.peek() != '}':
                if self.peek() not in ('"', "'"):
                    raise ValueError('expected a key')
                key = self.string()
                if self.peek() != ':':
                    raise ValueError('expected :')
                self.i += 1
                v = self.value(depth + 1)
                obj.pop(key, None)
                obj[key] = v
                if self.peek() == ',':
                    self.i += 1
                elif self.peek() != '}':
                    raise ValueError('expected , or }')
            self.i += 1
            return obj
        if c == '[':
            self.i += 1
            items: list[Any] = []
            multi = self.peek() != '' and self.newline
            while self.peek() != ']':
                if items:
                    multi = multi or self.newline
                    if self.peek() != ',':
                        raise ValueError('expected , or ]')
                    self.i += 1
                    c = self.peek()
                    multi = multi or self.newline
                    if c == ']':
                        break
                items.append(self.value(depth + 1))
            multi = multi or self.newline
            self.i += 1
            return Lines(items) if multi else items
        if c in '"\'':
            return self.string()
        for word, v in (('true', True), ('false', False), ('null', None)):
            if self.s.startswith(word, self.i):
                self.i += len(word)
                return v
        m = _NUMBER.match(self.s, self.i)
        if not m or not any(ch.isdigit() for ch in m.group()):
            raise ValueError('unexpected token')
        self.i = m.end()
        return js_literal(m.group())

    def string(self) -> str:
        quote = self.s[self.i]
        m = (_STRING if quote == '"' else _SQ_STRING).match(self.s, self.i)
        if not m:
            raise ValueError('bad string')
        self.i = m.end()
        body = m.group()[1:-1]
        if quote == "'":   # as a double-quoted string
            body = re.sub(r"\\(.)|\"", lambda g: "'" if g.group(1) == "'" else
                          (g.group(0) if g.group(1) else '\\"'), body, flags=re.DOTALL)
        text: str = json.loads(f'"{body}"', strict=False)
        return text


_SPACE = re.compile(r'(?:[ \t\ufeff\v\f\n\r\u2028\u2029]+|//[^\n\r\u2028\u2029]*|/\*.*?\*/)*',
                    re.DOTALL)
_NEWLINE = re.compile('[\n\r\u2028\u2029]')
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SQ_STRING = re.compile(r"'(?:[^'\\]|\\.)*'", re.DOTALL)
# JavaScript numeric literals (bun's JSON reads them): hex, octal, binary,
# legacy octal, separators, a leading or trailing '.'
_NUMBER = re.compile(r'-?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+'
                     r'|(?:[0-9][0-9_]*\.?[0-9_]*|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9][0-9_]*)?)')


def js_literal(text: str) -> float:
    """The value of a JavaScript numeric literal."""
    sign = -1.0 if text.startswith('-') else 1.0
    t = text.lstrip('-').replace('_', '')
    base = {'x': 16, 'o': 8, 'b': 2}.get(t[1:2].lower()) if t[:1] == '0' else None
    if base is not None:
        return sign * float(int(t[2:], base))
    if re.fullmatch('0[0-7]+', t):
        return sign * float(int(t, 8))
    return sign * float(t)


def parse(raw: bytes) -> Any:
    """package.json as bun parses it; ValueError when bun cannot."""
    p = _Parser(raw.decode('utf-8', 'replace').removeprefix('\ufeff'))
    v = p.value()
    if p.peek():
        raise ValueError('trailing text')
    return v


# -- workspace: and catalog: versions ----------------------------------------
# bun 1.4.5 resolves both from the workspace root's package.json and the
# package.json files of its workspaces, not from the lock file as the Zig
# source did (checked with the real bun: no bun.lock needed; its own words)

_MAX_WORKSPACE_DIRS = 20_000


def _read_json(path: str) -> Any:
    try:
        with open_regular(path) as f:
            return parse(f.read(16 << 20))
    except (OSError, ValueError, RecursionError):
        return None


def _workspace_globs(data: Any) -> list[str]:
    ws = data.get('workspaces') if isinstance(data, dict) else None
    if isinstance(ws, dict):
        ws = ws.get('packages')
    return [g for g in ws if isinstance(g, str)] if isinstance(ws, list) else []


def _member(globs: list[str], rel: str) -> bool:
    target = rel.encode('utf-8', 'surrogateescape')
    return any(glob_match(g.strip('/').removeprefix('./').encode('utf-8', 'surrogateescape'),
                          target) is True for g in globs)


class _Workspace:
    """The workspace root bun finds for a package, and its workspaces' versions."""

    def __init__(self, pkg_dir: str, own: dict[str, Any]) -> None:
        here = os.path.abspath(pkg_dir)
        self.root_dir = here
        self.root: dict[str, Any] = own
        d = here
        for _ in range(64):
            parent = os.path.dirname(d)
            if parent == d:
                break
            d = parent
            data = _read_json(os.path.join(d, 'package.json'))
            if isinstance(data, dict) and 'workspaces' in data:
                if _member(_workspace_globs(data), os.path.relpath(here, d).replace(os.sep, '/')):
                    self.root_dir, self.root = d, data
                break
        self._members: dict[str, tuple[str, Any]] | None = None   # name -> (dir, version)

    def shown(self) -> str:
        return os.path.join(self.root_dir, 'package.json')

    def members(self) -> dict[str, tuple[str, Any]]:
        if self._members is None:
            self._members = {}
            globs = _workspace_globs(self.root)
            seen = 0
            for dirpath, dirnames, filenames in os.walk(self.root_dir):
                dirnames[:] = [n for n in dirnames if n not in ('node_modules', '.git')]
                seen += 1
                if seen > _MAX_WORKSPACE_DIRS:
                    break
                rel = os.path.relpath(dirpath, self.root_dir).replace(os.sep, '/')
                if rel == '.' or 'package.json' not in filenames or not _member(globs, rel):
                    continue
                data = _read_json(os.path.join(dirpath, 'package.json'))
                if isinstance(data, dict) and isinstance(data.get('name'), str):
                    self._members.setdefault(data['name'], (dirpath, data.get('version')))
        return self._members

    def catalog(self, name: str) -> Any:
        ws = self.root.get('workspaces')
        where = [self.root, ws] if isinstance(ws, dict) else [self.root]
        for obj in where:
            if name in ('', 'default') and isinstance(obj.get('catalog'), dict):
                return obj['catalog']
            cats = obj.get('catalogs')
            if isinstance(cats, dict) and isinstance(cats.get(name), dict):
                return cats[name]
        return None


def workspace_root(pkg_dir: str, data: dict[str, Any]) -> str:
    """The folder of the workspace root bun finds for the package (itself if none)."""
    return _Workspace(pkg_dir, data).root_dir


def _edit(data: dict[str, Any], pkg_dir: str) -> dict[str, Any]:
    """edit_root_package_json: workspace: and catalog: versions as bun resolves them."""
    ws: _Workspace | None = None
    out = dict(data)
    for group in _GROUPS:
        deps = data.get(group)
        if not isinstance(deps, dict):
            continue
        new = dict(deps)
        for name, spec in deps.items():
            if not isinstance(spec, str) or not spec.startswith(('workspace:', 'catalog:')):
                continue
            if ws is None:
                ws = _Workspace(pkg_dir, data)
            if spec.startswith('catalog:'):
                cat = ws.catalog(spec[len('catalog:'):])
                if not isinstance(cat, dict) or not isinstance(cat.get(name), str):
                    raise _refuse(f'Failed to resolve catalog version for "{name}" in '
                                  f'`{group}` (no matching catalog dependency).')
                new[name] = cat[name]
                continue
            rest = spec[len('workspace:'):]
            member = ws.members().get(name)
            if rest in ('^', '~', '*'):
                if member is None or not isinstance(member[1], str):
                    raise _refuse(
                        f'Failed to resolve workspace version for "{name}" in `{group}` '
                        f'("{ws.shown()}" has no workspace named "{name}", '
                        'or its package.json has no version).')
                new[name] = ('' if rest == '*' else rest) + member[1]
                continue
            if member is not None:
                new[name] = rest
                continue
            # a folder (relative to the package) names the workspace: an alias
            target = os.path.normpath(os.path.join(os.path.abspath(pkg_dir), rest))
            found = next(((n, v) for n, (d, v) in ws.members().items()
                          if rest and os.path.normpath(d) == target), None)
            if found is None:
                raise _refuse(
                    f'Failed to resolve workspace version for "{name}" in `{group}` '
                    f'("{ws.shown()}" has no workspace named "{name}" and no '
                    f'workspace in the directory "{rest}").')
            new[name] = f'npm:{found[0]}@{found[1]}' if isinstance(found[1], str) else rest
        out[group] = new
    return out


def packed_manifest_size(pkg_dir: str, data: dict[str, Any], raw: bytes) -> int:
    """Bytes of the package.json bun puts in the tarball."""
    edited = _edit(data, pkg_dir)
    text = print_json(edited, guess_indent(raw))
    if raw.endswith(b'\n'):
        text += '\n'
    return len(text.encode('utf-8', 'surrogatepass'))
