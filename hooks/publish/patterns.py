"""npm's ignore-pattern semantics: minimatch 10.2.5 as ignore-walk 8 uses it.

npm judges every path with ``new Minimatch(line.trim(), {matchBase: true,
dot: true, flipNegate: true, nocase: true})``.  That differs from gitignore
(and so from ``pathspec``) in ways that change what ships, so it is modelled
here once:

- lines are trimmed at both ends (git keeps leading spaces); ``#`` lines and
  blank lines are skipped; ``\\#`` escapes;
- matching ignores case (even on Linux) and ``*``/``?``/``**`` match dotfiles;
- ``matchBase``: a pattern without ``/`` (after brace expansion) tests only
  the last path segment, at any depth;
- a pattern is tried against ``/path`` and ``path`` (ignore-walk's forms), so
  a leading ``/`` anchors; an inner ``/`` anchors as well (no implicit
  ``**/``, unlike gitignore only for leading-slash-less patterns with ``/``);
- a trailing ``/`` leaves an empty last segment: it matches only the
  ``path/`` form ignore-walk builds for folders;
- braces (``{a,b}``, ``{1..3}``) expand first; extglobs (``@(a|b)``,
  ``!(x)``, ``+(..)``, ``*(..)``, ``?(..)``) and classes work;
- ``partial`` matching (a folder that could contain a match) follows
  minimatch 10.2's globstar algorithm, which :meth:`Pattern.match` ports.

Known gap: JavaScript's case-insensitive regexps (no ``u`` flag) fold case
slightly differently from Python's for a few non-ASCII letters (Kelvin sign,
long s); npm package file names with those are vanishingly rare.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Sequence

GLOBSTAR = '**'  # marker; never a literal segment after parsing (literal '**' is impossible)


class _Globstar:
    __slots__ = ()

    def __repr__(self) -> str:
        return 'GLOBSTAR'


GS = _Globstar()


# -- matching without regexes ------------------------------------------------------
#
# Python compiles a regex in about 0.3 ms and a small package's walk needs dozens,
# yet most of npm's rules are literal names, '*.ext', 'prefix*', '.*.swp' or a
# character class.  The regex sources of those, as _glob_re and re.escape write
# them, are read back here into string tests on the lowercased name.  The tests
# equal the regex (IGNORECASE | DOTALL, fullmatch) for a name that is ASCII and
# holds no '/' (tests/npm_patterns_test.py checks them against it at random);
# any other name, and any source outside that subset, goes to the regex, which
# is compiled the first time it is needed.

# one character of a chunk: itself (lowercased), one of a set, or (not in a set,)
_Char = str | frozenset[str] | tuple[frozenset[str]]
_Chunk = str | tuple[_Char, ...]  # a str when every character is a literal
_ANY_CHAR: tuple[frozenset[str]] = (frozenset(),)
_STAR_SRCS = frozenset(('[^/]*', '.*', '(?s:.*)'))
_REGEX_META = frozenset('.^$*+?{}[]\\|()')
_NEG_CLASS = ('(?:(?![', '])[^/])')  # _parse_class's [!...]
_POS_CLASS = ('(?:(?!/)(?:[', ']))')  # and [...]


def _read_char(src: str, i: int) -> tuple[str, int] | None:
    """One literal character of a regex source at ``i`` (re.escape's form)."""
    if i >= len(src):
        return None
    c = src[i]
    if c == '\\':
        if i + 1 >= len(src):
            return None
        c = src[i + 1]
        if c.isalnum() or c == '_' or not c.isascii():
            return None  # \d, \A, ...: a regex escape, not an escaped literal
        return c, i + 2
    if c in _REGEX_META or not c.isascii():
        return None
    return c, i + 1


def _read_class(src: str, i: int) -> tuple[frozenset[str], int] | None:
    """The characters of a class body (up to its ']') written by _parse_class."""
    chars: set[str] = set()
    while i < len(src) and src[i] != ']':
        got = _read_char(src, i)
        if got is None:
            return None
        lo, i = got
        if src.startswith('-', i):
            got = _read_char(src, i + 1)
            if got is None:
                return None
            hi, i = got
            chars.update(map(chr, range(ord(lo), ord(hi) + 1)))
        else:
            chars.add(lo)
    if i >= len(src):
        return None
    return frozenset(chars), i + 1


_SIMPLE: dict[tuple[str, bool], list[_Chunk] | None] = {}
_MAX_SEGMENTS = 100_000  # entries of the caches by segment text (then they start over)


def read_simple(src: str, nocase: bool = True) -> list[_Chunk] | None:
    """A one-segment regex source as the chunks between its stars (``[^/]*``),
    each lowercased when ``nocase``; None when it is not that simple."""
    key = (src, nocase)
    if key in _SIMPLE:
        return _SIMPLE[key]
    if len(_SIMPLE) >= _MAX_SEGMENTS:
        _SIMPLE.clear()
    got = _SIMPLE[key] = _read_simple(src, nocase)
    return got


def _read_simple(src: str, nocase: bool) -> list[_Chunk] | None:
    if src in _STAR_SRCS:
        return ['', '']
    chunks: list[list[_Char]] = [[]]
    i = 0
    n = len(src)
    while i < n:
        if src.startswith('[^/]', i):
            if src.startswith('*', i + 4):
                chunks.append([])
                i += 5
                continue
            chunks[-1].append(_ANY_CHAR)
            if src.startswith('+', i + 4):
                chunks.append([])
                i += 1
            i += 4
            continue
        for start, end in (_NEG_CLASS, _POS_CLASS):
            if src.startswith(start, i):
                cls = _read_class(src, i + len(start))
                if cls is None or not src.startswith(end[1:], cls[1]):
                    return None
                chars = frozenset(c.lower() for c in cls[0]) if nocase else cls[0]
                chunks[-1].append((chars,) if start == _NEG_CLASS[0] else chars)
                i = cls[1] + len(end) - 1
                break
        else:
            got = _read_char(src, i)
            if got is None:
                return None
            c, i = got
            chunks[-1].append(c.lower() if nocase else c)
    out: list[_Chunk] = []
    for ch in chunks:
        lits = [c for c in ch if isinstance(c, str)]
        out.append(''.join(lits) if len(lits) == len(ch) else tuple(ch))
    return out


def _at(chunk: _Chunk, s: str, i: int) -> bool:
    """Whether ``chunk`` matches ``s`` at ``i`` (``s`` is long enough)."""
    if isinstance(chunk, str):
        return s.startswith(chunk, i)
    for t in chunk:
        c = s[i]
        i += 1
        if isinstance(t, str):
            if c != t:
                return False
        elif isinstance(t, frozenset):
            if c not in t:
                return False
        elif c in t[0]:
            return False
    return True


def chunks_match(chunks: list[_Chunk], s: str) -> bool:
    """Full match of chunks joined by stars, each star any run of characters: the
    first chunk at the start, the last at the end, the others leftmost between
    (every chunk has a fixed length, so the leftmost place never loses a match)."""
    n = len(s)
    first = chunks[0]
    if len(chunks) == 1:
        return n == len(first) and _at(first, s, 0)
    last = chunks[-1]
    end = n - len(last)
    pos = len(first)
    if end < pos or not _at(first, s, 0) or not _at(last, s, end):
        return False
    for chunk in chunks[1:-1]:
        size = len(chunk)
        if isinstance(chunk, str):
            if not chunk:
                continue
            found = s.find(chunk, pos, end)
            if found < 0:
                return False
            pos = found + size
            continue
        while pos + size <= end and not _at(chunk, s, pos):
            pos += 1
        if pos + size > end:
            return False
        pos += size
    return True


def simple_test(chunks: list[_Chunk]) -> Callable[[str], bool]:
    """:func:`chunks_match` with ``chunks`` bound, as one string method where it can."""
    if len(chunks) == 1 and isinstance(chunks[0], str):
        return chunks[0].__eq__
    if len(chunks) == 2:
        head, tail = chunks
        if isinstance(head, str) and isinstance(tail, str):
            if not head:
                return lambda s: s.endswith(tail)
            if not tail:
                return lambda s: s.startswith(head)
            need = len(head) + len(tail)
            return lambda s: len(s) >= need and s.startswith(head) and s.endswith(tail)
    return lambda s: chunks_match(chunks, s)


# string tests an Alternatives runs before it compiles its regex instead (compiling
# costs about what 500 names cost through the string tests)
REGEX_AFTER = 500
MAX_OTHERS = 32  # sources beyond a set lookup, an endswith or a startswith, at most


class Alternatives:
    """Which of several groups of one-segment regex sources is the first to match a
    whole name: string tests when every source is simple (see :func:`read_simple`)
    and the name is ASCII without '/', else one regex of all groups, compiled on
    first need (and for every name once REGEX_AFTER names went through the string
    tests).  ``fullmatch`` mimics a match of that regex (``lastgroup`` is
    ``g<index>``, as plan tables name their groups)."""

    __slots__ = ('_fast', '_hits', '_left', '_rx', 'flags', 'groups', 'nocase', 'source')

    def __init__(self, groups: Sequence[Sequence[str]], flags: int = re.IGNORECASE | re.DOTALL,
                 ) -> None:
        self.groups = [list(g) for g in groups]
        self.flags = flags
        self.source = '|'.join(
            f'(?P<g{i}>' + ('|'.join(f'(?:{x})' for x in g) if g else '(?!)') + ')'
            for i, g in enumerate(self.groups)
        ) or '(?!)'
        self._rx: re.Pattern[str] | None = None
        self._hits = [_Hit(f'g{i}', i + 1) for i in range(len(self.groups))]
        self.nocase = nocase = bool(flags & re.IGNORECASE)
        fast: list[tuple[bool, frozenset[str], tuple[str, ...], tuple[str, ...],
                         list[Callable[[str], bool]]]] | None = []
        n_others = 0
        for g in self.groups:
            lits: set[str] = set()
            suffixes: list[str] = []
            prefixes: list[str] = []
            others: list[Callable[[str], bool]] = []
            anything = False
            for src in g:
                chunks = read_simple(src, nocase)
                if chunks is None:
                    fast = None
                    break
                head, tail = chunks[0], chunks[-1]
                if len(chunks) == 1 and isinstance(head, str):
                    lits.add(head)
                elif len(chunks) == 2 and head == '' and isinstance(tail, str):
                    if tail == '':
                        anything = True
                    suffixes.append(tail)
                elif len(chunks) == 2 and tail == '' and isinstance(head, str):
                    prefixes.append(head)
                else:
                    others.append(simple_test(chunks))
            if fast is None:
                break
            fast.append((anything, frozenset(lits), tuple(suffixes), tuple(prefixes), others))
            n_others += len(others)
        if n_others > MAX_OTHERS:
            fast = None  # a test per source for every name: the regex is the faster way
        self._fast = fast
        self._left = REGEX_AFTER  # string tests left before the regex pays for itself

    def regex(self) -> re.Pattern[str]:
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile(self.source, self.flags)
        return rx

    def first(self, name: str) -> int:
        """Index of the first group matching ``name``; -1 when none does."""
        fast = self._fast
        if fast is None or not name.isascii() or '/' in name:
            m = self.regex().fullmatch(name)
            return -1 if m is None else m.lastindex - 1  # type: ignore[operator]
        self._left -= 1
        if not self._left:
            self._fast = None  # a much-used matcher: the regex is about 3x faster per name
        s = name.lower() if self.nocase else name
        for i, (anything, lits, suffixes, prefixes, others) in enumerate(fast):
            if anything or s in lits or s.endswith(suffixes) or s.startswith(prefixes):
                return i
            for test in others:
                if test(s):
                    return i
        return -1

    def fullmatch(self, name: str) -> _Hit | None:
        i = self.first(name)
        return None if i < 0 else self._hits[i]


class _Hit:
    """What :meth:`Alternatives.fullmatch` gives: the matching group's name and number."""

    __slots__ = ('lastgroup', 'lastindex')

    def __init__(self, lastgroup: str, lastindex: int) -> None:
        # typed as re.Match's, so callers written for a regex match read it alike
        self.lastgroup: str | None = lastgroup
        self.lastindex: int | None = lastindex


_UNSET_SIMPLE: list[_Chunk] = []  # marker: the source not read yet


class Glob:
    """A magic (or cased) path segment: string tests when it is simple, else its
    regex, compiled on first use (start-up speed).  Case-insensitive (minimatch's
    nocase) unless ``nocase`` is false."""

    __slots__ = ('_read', '_rx', '_simple', '_test', 'nocase', 'pattern')

    def __init__(self, src: str, nocase: bool = True) -> None:
        self.pattern = src
        self.nocase = nocase
        self._rx: re.Pattern[str] | None = None
        self._simple: list[_Chunk] | None = _UNSET_SIMPLE
        self._test: Callable[[str], bool] | None = None  # None: not simple
        self._read = False

    def fullmatch(self, f: str) -> bool:
        if not self._read:
            simple = self._simple
            if simple is _UNSET_SIMPLE:
                simple = self._simple = read_simple(self.pattern, self.nocase)
            self._test = None if simple is None else simple_test(simple)
            self._read = True
        test = self._test
        if test is not None and f.isascii() and '/' not in f:
            return test(f.lower() if self.nocase else f)
        return self.regex_fullmatch(f)

    def literal(self) -> str | None:
        """The lowercased text of a glob that is one literal: an ASCII name
        without '/' matches exactly when its lowercase equals it."""
        simple = self._simple
        if simple is _UNSET_SIMPLE:
            simple = self._simple = read_simple(self.pattern, self.nocase)
        if not self.nocase:
            return None
        if simple is not None and len(simple) == 1 and isinstance(simple[0], str):
            return simple[0]
        return None

    def regex_fullmatch(self, f: str) -> bool:
        """The regex's answer (what the string tests must equal)."""
        rx = self._rx
        if rx is None:
            flags = re.IGNORECASE | re.DOTALL if self.nocase else re.DOTALL
            rx = self._rx = re.compile(self.pattern, flags)
        return rx.fullmatch(f) is not None

    def __repr__(self) -> str:
        return f'Glob({self.pattern!r})'


Segment = str | Glob | _Globstar

_MAX_BRACE = 10_000


def _find_brace(s: str) -> tuple[int, int] | None:
    """First ``{...}`` (unescaped) with a top-level ``,`` or a valid ``..`` range."""
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c == '\\':
            i += 2
            continue
        if c == '{':
            depth = 0
            j = i
            while j < n:
                d = s[j]
                if d == '\\':
                    j += 2
                    continue
                if d == '{':
                    depth += 1
                elif d == '}':
                    depth -= 1
                    if depth == 0:
                        return i, j
                j += 1
            return None
        i += 1
    return None


def _split_top(body: str) -> list[str]:
    parts = []
    depth = 0
    cur = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == '\\' and i + 1 < len(body):
            cur.append(body[i:i + 2])
            i += 2
            continue
        if c == '{':
            depth += 1
        elif c == '}':
            depth -= 1
        if c == ',' and depth == 0:
            parts.append(''.join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    parts.append(''.join(cur))
    return parts


_RANGE = r'^(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(?:\.\.(-?\d+))?$'


def _range(body: str) -> list[str] | None:
    if '..' not in body:
        return None
    m = re.match(_RANGE, body)
    if not m:
        return None
    a, b, step_s = m.group(1), m.group(2), m.group(3)
    step = abs(int(step_s)) if step_s else 1
    step = step or 1
    if a.lstrip('-').isdigit() and b.lstrip('-').isdigit():
        x, y = int(a), int(b)
        width = 0
        if (len(a) > 1 and a.lstrip('-').startswith('0')) or (
                len(b) > 1 and b.lstrip('-').startswith('0')):
            width = max(len(a), len(b))
        seq = range(x, y + 1, step) if x <= y else range(x, y - 1, -step)
        out = []
        for v in seq:
            s = str(abs(v)).zfill(width - (1 if v < 0 else 0)) if width else str(abs(v))
            out.append(('-' if v < 0 else '') + s)
        return out
    if len(a) == 1 and len(b) == 1 and not a.isdigit() and not b.isdigit():
        x, y = ord(a), ord(b)
        seq = range(x, y + 1, step) if x <= y else range(x, y - 1, -step)
        return [chr(v) for v in seq]
    return None


_MAX_BRACE_DEPTH = 64  # deeper nesting (hostile, never real) is left unexpanded


def brace_expand(pattern: str, _depth: int = 0) -> list[str]:
    """brace-expansion as minimatch uses it (sets, nesting, numeric/alpha ranges)."""
    # minimatch: a pattern starting with '{}' keeps it literal
    if '{' not in pattern or pattern.startswith('{}') or _depth > _MAX_BRACE_DEPTH:
        return [pattern]
    found = _find_brace(pattern)
    if found is None:
        return [pattern]
    i, j = found
    pre, body, post = pattern[:i], pattern[i + 1:j], pattern[j + 1:]
    posts = brace_expand(post, _depth + 1)
    rng = _range(body)
    if rng is not None:
        alts = rng
    else:
        parts = _split_top(body)
        if len(parts) < 2:
            # no comma: '{x}' stays literal but braces inside may still expand
            return [pre + '{' + b + '}' + p for b in brace_expand(body, _depth + 1) for p in posts]
        alts = [e for part in parts for e in brace_expand(part, _depth + 1)]
    out = []
    for a in alts:
        for p in posts:
            out.append(pre + a + p)
            if len(out) > _MAX_BRACE:
                return out
    return out


# minimatch's POSIX classes are Unicode properties (\p{L}...); Python spellings
_POSIX = {
    'alnum': r'[^\W_]', 'alpha': r'[^\W\d_]', 'ascii': r'[\x00-\x7f]', 'blank': r'[ \t\xa0]',
    'cntrl': r'[\x00-\x1f\x7f-\x9f]', 'digit': r'\d', 'graph': r'[^\s\x00-\x1f\x7f-\x9f]',
    'lower': r'[^\W\d_]', 'print': r'[^\x00-\x1f\x7f-\x9f]', 'punct': r'[!-/:-@\[-`{-~]',
    'space': r'\s', 'upper': r'[^\W\d_]', 'word': r'\w', 'xdigit': r'[A-Fa-f0-9]',
}


def _parse_class(glob: str, pos: int) -> tuple[str, int] | None:
    """``[...]`` starting at ``pos``: (regex, next position) or None if unclosed."""
    i = pos + 1
    negate = False
    if i < len(glob) and glob[i] in '!^':
        negate = True
        i += 1
    items: list[str] = []
    extra: list[str] = []
    first = True
    while i < len(glob):
        c = glob[i]
        if c == ']' and not first:
            if not items and not extra:
                return None
            alts = (['[' + ''.join(items) + ']'] if items else []) + extra
            body = '|'.join(alts)
            # (?!/): a class never spans segments, also inside a whole-path regex
            if negate:
                return f'(?:(?!{body})[^/])', i + 1
            return f'(?:(?!/)(?:{body}))', i + 1
        first = False
        if c == '[' and glob[i + 1:i + 2] == ':':
            end = glob.find(':]', i + 2)
            if end != -1 and glob[i + 2:end] in _POSIX:
                extra.append(_POSIX[glob[i + 2:end]])
                i = end + 2
                continue
        if c == '\\' and i + 1 < len(glob):
            c = glob[i + 1]
            i += 1
        if glob[i + 1:i + 2] == '-' and i + 2 < len(glob) and glob[i + 2] != ']':
            hi = glob[i + 2]
            if hi == '\\' and i + 3 < len(glob):
                hi = glob[i + 3]
                i += 1
            if ord(hi) >= ord(c):
                items.append(re.escape(c) + '-' + re.escape(hi))
            i += 3
            continue
        items.append(re.escape(c))
        i += 1
    return None


def _split_ext(glob: str, start: int) -> tuple[list[str], int] | None:
    """Alternatives of an extglob body starting after '(' ; (alts, index after ')')."""
    depth = 0
    i = start
    cur: list[str] = []
    alts: list[str] = []
    while i < len(glob):
        c = glob[i]
        if c == '\\' and i + 1 < len(glob):
            cur.append(glob[i:i + 2])
            i += 2
            continue
        if c == '(':
            depth += 1
        elif c == ')':
            if depth == 0:
                alts.append(''.join(cur))
                return alts, i + 1
            depth -= 1
        elif c == '|' and depth == 0:
            alts.append(''.join(cur))
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    return None


def _glob_re(glob: str) -> tuple[str, bool]:
    """Regex source for one path segment and whether it has magic."""
    out: list[str] = []
    magic = False
    i = 0
    n = len(glob)
    while i < n:
        c = glob[i]
        if c in '?*+@!' and glob[i + 1:i + 2] == '(':
            split = _split_ext(glob, i + 2)
            if split is not None:
                alts, nxt = split
                sub = '|'.join(_glob_re(a)[0] for a in alts)
                magic = True
                if c == '!':
                    rest = _glob_re(glob[nxt:])[0]
                    out.append(f'(?:(?!(?:{sub}){rest}(?:/|\\Z))[^/]*?)')
                elif c == '@':
                    out.append(f'(?:{sub})')
                elif c == '?':
                    out.append(f'(?:{sub})?')
                elif c == '*':
                    out.append(f'(?:{sub})*')
                else:
                    out.append(f'(?:{sub})+')
                i = nxt
                continue
        if c == '\\':
            if i + 1 < n:
                out.append(re.escape(glob[i + 1]))
                i += 2
            else:
                out.append(re.escape('\\'))
                i += 1
            continue
        if c == '*':
            magic = True
            while i + 1 < n and glob[i + 1] == '*':
                i += 1
            # a segment of only stars must match something (minimatch starNoEmpty)
            out.append('[^/]+' if not glob.strip('*') else '[^/]*')
        elif c == '?':
            magic = True
            out.append('[^/]')
        elif c == '[':
            cls = _parse_class(glob, i)
            if cls is None:
                out.append(re.escape(c))
            else:
                magic = True
                out.append(cls[0])
                i = cls[1]
                continue
        else:
            out.append(re.escape(c))
        i += 1
    return ''.join(out), magic


def _unescape(glob: str) -> str:
    if '\\' not in glob:
        return glob
    return re.sub(r'\\(.)', r'\1', glob)


_GLOB_CHARS = frozenset('\\*?[(')  # without them a segment is its literal text


_SEGMENTS: dict[str, Segment] = {}  # one parse (and one Glob) per distinct segment


def parse_segment(glob: str) -> Segment:
    seg = _SEGMENTS.get(glob)
    if seg is not None:
        return seg
    if glob == '**':
        return GS
    if glob == '':
        return ''
    plain = _GLOB_CHARS.isdisjoint(glob)
    if plain:
        src, magic = re.escape(glob), False  # what _glob_re gives, character by character
    else:
        src, magic = _glob_re(glob)
    if not magic:
        lit = _unescape(glob)
        if lit.upper() == lit.lower():
            seg = lit
    if seg is None:
        seg = Glob(src)
        if plain and glob.isascii():  # what read_simple makes of re.escape(glob)
            _SIMPLE[(src, True)] = seg._simple = [glob.lower()]
    if len(_SEGMENTS) >= _MAX_SEGMENTS:
        _SEGMENTS.clear()
    _SEGMENTS[glob] = seg
    return seg


def _level_one(parts: list[str]) -> list[str]:
    out: list[str] = []
    for part in parts:
        prev = out[-1] if out else None
        if part == '**' and prev == '**':
            continue
        if part == '..' and prev and prev not in ('..', '.', '**'):
            out.pop()
            continue
        out.append(part)
    return out or ['']


def _seg_match(p: Segment, f: str) -> bool:
    if isinstance(p, str):
        return p == f
    return p.fullmatch(f)  # type: ignore[union-attr]


class _Unset:
    __slots__ = ()


_UNSET = _Unset()  # marker: regex not built yet


def _split_slashes(s: str) -> list[str]:
    """``re.split('/+', s)``."""
    if '//' in s:
        return re.split('/+', s)
    return s.split('/')


# a rule's whole-path tests run through ``Pattern.match`` (no regex) this many
# times before its compiled form pays for itself
MATCHES_BEFORE_REGEX = 32


class Pattern:
    """One ignore-file line compiled as ignore-walk compiles it."""

    __slots__ = (
        'base_only', 'comment', 'empty', 'file_re', 'negate', 'relative', 'set', 'slash_re',
        'source', 'uses',
    )

    def __init__(self, line: str) -> None:
        self.source = line
        pattern = line
        self.comment = pattern.startswith('#')
        self.empty = not pattern
        self.negate = False
        self.set: list[list[Segment]] = []
        self.relative = False
        self.base_only = False
        self.file_re: re.Pattern[str] | _Unset | None = None
        self.slash_re: re.Pattern[str] | _Unset | None = None
        self.uses = 0  # matches answered by ``match`` before the compiled forms
        if self.comment or self.empty:
            return
        k = len(pattern) - len(pattern.lstrip('!'))
        self.negate = k % 2 == 1
        pattern = pattern[k:]
        seen: dict[str, None] = dict.fromkeys(brace_expand(pattern))
        glob_parts = [
            _split_slashes(s) if '..' not in s and '**' not in s else _level_one(_split_slashes(s))
            for s in seen
        ]  # (_level_one changes nothing without a '..' or a '**')
        # ignore-walk's "relative rule": a one-part glob, or 'x/' (part + '')
        self.relative = any(
            len(part) <= (1 if part[-1] else 2) for part in glob_parts
        )
        self.set = [[parse_segment(s) for s in parts] for parts in glob_parts]
        self.base_only = all(len(p) == 1 for p in self.set)
        self.file_re = _UNSET
        self.slash_re = _UNSET

    def match_slash(self, e: str) -> bool:
        """``match('/' + e + '/') or match(e + '/')`` (``e`` without the slash)."""
        rx = self.slash_re
        if isinstance(rx, _Unset):
            self.uses += 1
            if self.uses <= MATCHES_BEFORE_REGEX:
                return self.match('/' + e + '/') or self.match(e + '/')
            rx = self.slash_re = slash_regex(self.set)
        if rx is None:
            return self.match('/' + e + '/') or self.match(e + '/')
        return rx.fullmatch('/' + e) is not None

    def match_file(self, e: str) -> bool:
        """``match('/' + e) or match(e)`` for a path without a trailing slash."""
        rx = self.file_re
        if isinstance(rx, _Unset):
            self.uses += 1
            if self.uses <= MATCHES_BEFORE_REGEX:
                return self.match('/' + e) or self.match(e)
            rx = self.file_re = file_regex(self.set)
        if rx is None:
            return self.match('/' + e) or self.match(e)
        return rx.fullmatch('/' + e) is not None

    def __repr__(self) -> str:
        return f'Pattern({self.source!r})'

    # -- minimatch.match with matchBase, flipNegate -------------------------
    def match(self, f: str, partial: bool = False) -> bool:
        if self.comment:
            return False
        if self.empty:
            return f == ''
        if f == '/' and partial:
            return True
        ff = _split_slashes(f)
        filename = ff[-1]
        if not filename:
            for i in range(len(ff) - 2, -1, -1):
                filename = ff[i]
                if filename:
                    break
        for pattern in self.set:
            file = [filename] if len(pattern) == 1 else ff
            if _match_one(file, pattern, partial):
                return True
        return False


def _seg_src(p: Segment) -> str:
    if isinstance(p, str):
        return re.escape(p)
    return p.pattern  # type: ignore[union-attr]


def _parts_regex(parts: list[Segment]) -> str | None:
    """Anchored (not matchBase) regex source for a list of segments."""
    out = ''
    n = len(parts)
    for i, p in enumerate(parts):
        if p is GS:
            if i == n - 1:
                out += '/.+' if i else '.*'
            elif i == 0:
                out += '(?:.*/)?'
            else:
                out += '/(?:.*/)?'
            continue
        src = _seg_src(p)
        if p != '' and re.fullmatch(src, '', re.IGNORECASE | re.DOTALL):
            return None
        if p == '' and i != 0:
            return None
        if i > 0 and parts[i - 1] is not GS:
            out += '/'
        out += f'(?:{src})'
    return out


def slash_regex(pattern_set: list[list[Segment]]) -> re.Pattern[str] | None:
    """Compiled test of ``'/' + e`` for minimatch's ``match('/' + e + '/') or
    match(e + '/')``: a plain match of ``e`` (the trailing empty segment is
    left over), or a pattern ending in ``/`` or ``/**`` whose head matches ``e``."""
    plain = set_regex(pattern_set)
    if plain is None:
        return None
    alts = [plain]
    for parts in pattern_set:
        if len(parts) > 1 and (parts[-1] == '' or parts[-1] is GS):
            head_parts = parts[:-1]
            if parts[-1] == '' and head_parts[-1] is GS:
                # '.../**/' : that ** is no longer trailing: zero or more segments
                rest = _parts_regex(head_parts[:-1]) if len(head_parts) > 1 else ''
                if rest is None:
                    return None
                head: str | None = f'{rest}(?:/.*)?' if rest else '.*'
            else:
                head = _parts_regex(head_parts)
            if head is None:
                return None
            alts.append(head)
    src = '|'.join(f'(?:{a})' for a in alts)
    try:
        return re.compile(f'(?:{src})|/(?:{src})', re.IGNORECASE | re.DOTALL)
    except re.error:
        return None


def set_regex(pattern_set: list[list[Segment]]) -> str | None:
    """Regex source equal to minimatch's non-partial match of a path with no
    empty segment but maybe a leading ``/`` (``'/a/b'`` or ``'a/b'``).

    ``**`` swallows zero or more whole segments (never '.' or '..', which such
    paths do not contain); a trailing ``**`` needs at least one segment.
    None when a segment could match the empty string (then the slow path).
    """
    alts = []
    for parts in pattern_set:
        if len(parts) == 1:  # matchBase: the last segment only
            p = parts[0]
            if p is GS:
                alts.append('.*')
                continue
            if p == '':
                continue  # matches only an empty file name
            src = _seg_src(p)
            if re.fullmatch(src, '', re.IGNORECASE):
                return None
            alts.append(f'(?:.*/)?(?:{src})')
            continue
        if parts[-1] == '' and len(parts) > 1:
            continue  # needs a trailing slash: never a plain path
        out = _parts_regex(parts)
        if out is None:
            return None
        alts.append(out)
    if not alts:
        return '(?!)'
    return '|'.join(f'(?:{a})' for a in alts)


def file_regex(pattern_set: list[list[Segment]]) -> re.Pattern[str] | None:
    """Compiled test of ``'/' + e``: matches when the pattern matches ``/e`` or ``e``."""
    src = set_regex(pattern_set)
    if src is None:
        return None
    try:
        return re.compile(f'(?:{src})|/(?:{src})', re.IGNORECASE | re.DOTALL)
    except re.error:
        return None


def literal_key(p: Segment) -> str | None:
    """What the lowercase of an ASCII name without '/' must equal for segment ``p``
    to match it; None for ``**`` and a glob that is not one literal."""
    if isinstance(p, str):
        return p  # caseless: an ASCII one holds no letter, so it is its own lowercase
    if isinstance(p, Glob):
        return p.literal()
    return None


def _match_one(file: list[str], pattern: list[Segment], partial: bool) -> bool:
    if any(p is GS for p in pattern):
        return _match_globstar(file, pattern, partial, 0, 0)
    return _match_plain(file, pattern, partial, 0, 0)


def _match_plain(
        file: Sequence[str], pattern: Sequence[Segment], partial: bool, fi: int, pi: int,
) -> bool:
    fl = len(file)
    pl = len(pattern)
    while fi < fl and pi < pl:
        p = pattern[pi]
        if p is GS:
            return False
        if not _seg_match(p, file[fi]):
            return False
        fi += 1
        pi += 1
    if fi == fl and pi == pl:
        return True
    if fi == fl:
        return partial
    return fi == fl - 1 and file[fi] == ''


def _match_globstar(
        file: list[str], pattern: list[Segment], partial: bool, fi: int, pi: int,
) -> bool:
    firstgs = pattern.index(GS, pi)
    lastgs = len(pattern) - 1 - pattern[::-1].index(GS)
    if partial:
        head, body, tail = pattern[pi:firstgs], pattern[firstgs + 1:], []
    else:
        head, body, tail = (
            pattern[pi:firstgs], pattern[firstgs + 1:lastgs], pattern[lastgs + 1:]
        )
    if head:
        file_head = file[fi:fi + len(head)]
        if not _match_plain(file_head, head, partial, 0, 0):
            return False
        fi += len(head)
    file_tail_match = 0
    if tail:
        if len(tail) + fi > len(file):
            return False
        tail_start = len(file) - len(tail)
        if _match_plain(file, tail, partial, tail_start, 0):
            file_tail_match = len(tail)
        else:
            if file[-1] != '' or fi + len(tail) == len(file):
                return False
            tail_start -= 1
            if not _match_plain(file, tail, partial, tail_start, 0):
                return False
            file_tail_match = len(tail) + 1
    if not body:
        saw_some = bool(file_tail_match)
        for i in range(fi, len(file) - file_tail_match):
            saw_some = True
            if file[i] in ('.', '..'):
                return False
        return partial or saw_some
    sections: list[list[Segment]] = [[]]
    sums = [0]
    non_gs = 0
    for b in body:
        if b is GS:
            sums.append(non_gs)
            sections.append([])
        else:
            sections[-1].append(b)
            non_gs += 1
    file_length = len(file) - file_tail_match
    afters = []
    k = len(sections) - 1
    for sec in sections:
        afters.append(file_length - (sums[k] + len(sec)))
        k -= 1
    res = _body_sections(file, sections, afters, fi, 0, partial, 0, bool(file_tail_match))
    return bool(res)


def _body_sections(
        file: list[str], sections: list[list[Segment]], afters: list[int],
        fi: int, bi: int, partial: bool, depth: int, saw_tail: bool,
) -> bool | None:
    if bi >= len(sections):
        for i in range(fi, len(file)):
            saw_tail = True
            if file[i] in ('.', '..'):
                return False
        return saw_tail
    body = sections[bi]
    after = afters[bi]
    while fi <= after:
        m = _match_plain(file[:fi + len(body)], body, partial, fi, 0)
        if m and depth < 200:
            sub = _body_sections(file, sections, afters, fi + len(body), bi + 1,
                                 partial, depth + 1, saw_tail)
            if sub is not False:
                return sub
        if fi < len(file) and file[fi] in ('.', '..'):
            return False
        fi += 1
    return True if partial else None


# String.prototype.trim's whitespace (Python's str.strip differs: no BOM, extra controls)
_JS_SPACE = (
    ' \t\n\v\f\r\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006'
    '\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'
)


def parse_lines(data: str) -> list[Pattern]:
    """ignore-walk's onReadIgnoreFile: split on \\r?\\n, skip blank and # lines, trim."""
    rules = []
    for line in data.split('\n'):  # re.split(r'\r?\n'): the strip drops the '\r'
        t = line.strip(_JS_SPACE)
        if not t or t.startswith('#'):
            continue
        rules.append(Pattern(t))
    return rules


# -- residual matching: one folder's files judged by their name alone -------------
#
# Every file of a folder D is tested against a rule set of an ancestor L as
# '/' + Q + '/' + name and Q + '/' + name, where Q (the folders from L to D) is
# the same for all of D's files.  Running minimatch's segment automaton over Q
# once per folder leaves, per rule, a test of the name alone: "always", "never"
# or a union of one-segment globs.  That turns the per-file work into a single
# regex call on the file name.

ACC = -1  # automaton state: a trailing ** has consumed something, accept anything
ALWAYS = '(?s:.*)'


def _closure(parts: list[Segment], states: set[int]) -> frozenset[int]:
    n = len(parts)
    out = set(states)
    stack = list(states)
    while stack:
        i = stack.pop()
        if 0 <= i < n - 1 and parts[i] is GS and i + 1 not in out:
            out.add(i + 1)
            stack.append(i + 1)
    return frozenset(out)


_STEPS: dict[tuple[int, frozenset[int], str], tuple[list[Segment], frozenset[int]]] = {}


def step(parts: list[Segment], states: frozenset[int], q: str) -> frozenset[int]:
    """States after the path segment ``q`` (memoised: folder names repeat)."""
    key = (id(parts), states, q)
    hit = _STEPS.get(key)
    if hit is not None and hit[0] is parts:
        return hit[1]
    out = _step(parts, states, q)
    _STEPS[key] = (parts, out)
    return out


def _step(parts: list[Segment], states: frozenset[int], q: str) -> frozenset[int]:
    n = len(parts)
    new: set[int] = set()
    for i in states:
        if i == ACC:
            new.add(ACC)
        elif i < n:
            p = parts[i]
            if p is GS:
                new.add(ACC if i == n - 1 else i)
            elif _seg_match(p, q):
                new.add(i + 1)
    return _closure(parts, new) if new else frozenset()


def start_states(parts: list[Segment]) -> tuple[frozenset[int], frozenset[int]]:
    """States for the '/'-prefixed form (after its empty first segment) and the bare form."""
    s0 = _closure(parts, {0})
    return step(parts, s0, ''), s0


def residual(parts: list[Segment], states: frozenset[int]) -> list[str] | None:
    """Regex sources the final name must match (None: never; [ALWAYS]: always)."""
    n = len(parts)
    out: list[str] = []
    for i in states:
        if i == ACC or (i == n - 1 and parts[i] is GS and n > 1):
            return [ALWAYS]
        if i == n - 1:
            p = parts[i]
            if p != '':
                out.append(_seg_src(p))
    return out or None


def static_residual(parts: list[Segment]) -> list[str] | bool | None:
    """The residual when it does not depend on the folders (matchBase, ``**/x``);
    False when it does."""
    if len(parts) == 1:
        p = parts[0]
        if p is GS:
            return [ALWAYS]
        return [_seg_src(p)] if p != '' else None
    if len(parts) == 2 and parts[0] is GS and parts[1] is not GS:
        return [_seg_src(parts[1])] if parts[1] != '' else None
    return False


# -- many anchored literal paths as one rule ---------------------------------------
#
# npm 12 writes a rule per file its "files" globs find ('!/lib/a.js', and
# '!/dir' with '!/dir/**' per folder): thousands of rules on a big package, each
# stepped through every folder on its way.  A run of such rules of one polarity
# decides exactly what one rule matching any of their paths decides (the last
# match wins, and they all give the same verdict), so they become one PathSet: a
# tree of their path segments, stepped by a dictionary lookup per folder.

_PLAIN_CHARS = frozenset(
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-~$%,=:;&/')


def plain_path(rel: str) -> list[str] | None:
    """The segments of a relative path whose rule text minimatch reads as that very
    path (no glob character, space, '.' or '..' segment); None otherwise."""
    if not rel or not _PLAIN_CHARS.issuperset(rel):
        return None
    framed = f'/{rel}/'
    if '//' in framed or '/./' in framed or '/../' in framed:
        return None  # an empty, '.' or '..' segment
    return rel.split('/')


class _Node:
    __slots__ = ('children', 'end', 'files', 'star', 'text')

    def __init__(self, text: str) -> None:
        self.text = text  # the segment as a rule wrote it (plain: see plain_path)
        self.children: dict[str, int] = {}  # lowercased segment -> node
        self.end = False  # a '/path' rule ends here
        self.star = False  # a '/path/**' rule ends here
        self.files: list[str] | None = None  # sources of the '/path' rules one below

    def source(self) -> str:
        """The regex source of the segment (what _seg_src gives for it)."""
        src = re.escape(self.text)  # plain: no glob character, no backslash
        if (src, True) not in _SIMPLE:
            _SIMPLE[(src, True)] = [self.text.lower()]  # what read_simple makes of it
        return src


class PathSet(Pattern):
    """Rules ``/path`` and ``/path/**`` of one polarity as one rule that matches
    what any of them matches.  For ignore-walk's filter_entry it answers through
    the rules themselves; its automaton (states: node numbers of the segment
    tree, and ``ACC`` below a ``/path/**``) stands in for their automata in the
    compiled plans of ``hooks.publish.npm``.  Segments compare as minimatch's
    (case-insensitive) literals: by lowercase for an ASCII name, else through
    the segment itself."""

    __slots__ = ('_members', 'lines', 'nodes')

    def __init__(self, lines: list[str]) -> None:
        """``lines``: the rules, each ``[!]/path`` or ``[!]/path/**`` with a
        :func:`plain_path`, all negated or none."""
        self.lines = lines
        self.negate = lines[0].startswith('!')
        self.source = f'{lines[0]} and {len(lines) - 1} more'
        self.comment = self.empty = False
        self.relative = False  # anchored, several segments: never ignore-walk's relative rule
        self.base_only = False
        self.set = []  # no segment lists: hooks.publish.npm asks its automaton
        self.file_re = self.slash_re = None
        self.uses = 0
        self._members: list[Pattern] | None = None
        paths: dict[str, tuple[list[str], bool, bool]] = {}
        for line in lines:
            rel = line[2:] if self.negate else line[1:]
            star = rel.endswith('/**')
            if star:
                rel = rel[:-3]
            segs, end, has_star = paths.get(rel) or (plain_path(rel), False, False)
            assert segs is not None and line.startswith('!') == self.negate, line
            paths[rel] = segs, end or not star, has_star or star
        self.nodes = [_Node('')]
        for segs, end, star in paths.values():
            node = self.nodes[0]
            for seg in segs:
                key = seg.lower()
                i = node.children.get(key)
                if i is None:
                    i = node.children[key] = len(self.nodes)
                    self.nodes.append(_Node(seg))
                node = self.nodes[i]
            node.end = node.end or end
            node.star = node.star or star

    def __repr__(self) -> str:
        return f'PathSet({self.source!r})'

    def children(self, i: int, name: str) -> list[int]:
        """The nodes below node ``i`` whose segment matches ``name``."""
        node = self.nodes[i]
        if name.isascii() and '/' not in name:
            j = node.children.get(name.lower())
            return [] if j is None else [j]
        return [j for j in node.children.values()
                if _seg_match(parse_segment(self.nodes[j].text), name)]

    # -- the automaton (see hooks.publish.npm._Level) ----------------------------
    def start_states(self) -> tuple[frozenset[int], frozenset[int]]:
        """The '/'-prefixed form starts at the root; the bare form never matches."""
        return frozenset((0,)), frozenset()

    def step(self, states: frozenset[int], name: str) -> frozenset[int]:
        out: set[int] = set()
        for i in states:
            if i == ACC or self.nodes[i].star:
                out.add(ACC)  # below a '/path/**'
            if i != ACC:
                out.update(self.children(i, name))
        return frozenset(out)

    def accepts(self, states: frozenset[int]) -> bool:
        """Whether the folder these states stand at matches (as ``name/``)."""
        return any(i == ACC or self.nodes[i].end or self.nodes[i].star for i in states)

    def residual(self, states: frozenset[int]) -> list[str] | None:
        out: list[str] = []
        for i in states:
            if i == ACC:
                return [ALWAYS]
            node = self.nodes[i]
            if node.star:
                return [ALWAYS]
            files = node.files
            if files is None:
                files = node.files = [
                    self.nodes[j].source() for j in node.children.values() if self.nodes[j].end
                ]
            out.extend(files)
        return out or None

    # -- Pattern's interface: the rules themselves, parsed on first use ------------
    def members(self) -> list[Pattern]:
        got = self._members
        if got is None:
            got = self._members = [Pattern(line) for line in self.lines]
        return got

    def match(self, f: str, partial: bool = False) -> bool:
        return any(rule.match(f, partial) for rule in self.members())

    def match_file(self, e: str) -> bool:
        return any(rule.match_file(e) for rule in self.members())

    def match_slash(self, e: str) -> bool:
        return any(rule.match_slash(e) for rule in self.members())
