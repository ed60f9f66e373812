"""npm's order of a tarball's files, as ``npm pack --json`` lists them.

npm (lib/utils/tar.js) puts the paths whose first character equals its upper
case first, and sorts each group with ``Intl.Collator('en', {sensitivity:
'case', numeric: true})`` (@isaacs/string-locale-compare).  This module
models that collator without ICU: primary weights from tables generated with
node (hooks/publish/collation.py: Latin, Greek and Cyrillic, and beyond them other
scripts, punctuation, symbols, kana, fullwidth forms and emoji), digit runs
compared by value, then the case level.  Paths the collator finds equal keep
npm's tarball order, which is code-point order (node's readdir sorts names).
"""
from __future__ import annotations

import re

from hooks.publish.collation import MAIN_CLASSES
from hooks.publish.collation import MAIN_IGNORABLE
from hooks.publish.collation import MAIN_RANKS

# ICU primary classes of U+0000..U+052F (Latin, Greek, Cyrillic, punctuation),
# generated with node; the classes of other scripts and symbols load on first use.
# The tables below are built on first need (_build); ASCII paths, the usual
# case, sort through the literal byte table further down without them.
_RANK: dict[str, int]
_IGNORABLE = MAIN_IGNORABLE
_DIGIT_RANK = 5169  # _RANK['0'] (tests/npm_order_test.py checks every literal here)
_EXTRA: tuple[dict[str, int], frozenset[str]] | None = None


def _extra() -> tuple[dict[str, int], frozenset[str]]:
    """Ranks of the characters beyond U+052F in hooks.publish.collation, and those it ignores."""
    global _EXTRA
    if _EXTRA is None:
        from hooks.publish.collation import CLASSES
        from hooks.publish.collation import IGNORABLE

        ranks = {ch: i + 1 for i, group in enumerate(CLASSES.split(' ')) for ch in group}
        _EXTRA = ranks, frozenset(IGNORABLE)
    return _EXTRA


# characters no class holds (Han, scripts beyond the table) come after every class
# (the last ones are U+0378 and other unassigned points), by code point
_FALLBACK = MAIN_RANKS[-1] + 10
# regex sources: compiled (and cached by re) the first time a path needs one
_DIGITS = r'[0-9]+'
_ANY_DIGITS = r'\d+'  # decimal digits of any script (Unicode Nd)


# letters the collator expands to two primaries
_EXPANSIONS = {
    'ß': 'ss', 'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ĳ': 'ij', 'Ĳ': 'IJ',
    'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ǆ': 'dz', 'ǉ': 'lj', 'ǌ': 'nj', '…': '...', '‥': '..',
}


def _char_primary(ch: str) -> tuple[int, ...]:
    exp = _EXPANSIONS.get(ch)
    if exp is not None:
        return tuple(_RANK[c] for c in exp)
    if '0' <= ch <= '9':
        return (_DIGIT_RANK,)
    r = _RANK.get(ch)
    if r is not None:
        return (r,)
    if ch in _IGNORABLE:
        return ()
    extra, ignorable = _extra()
    r = extra.get(ch)
    if r is not None:
        return (r,)
    if ch in ignorable:
        return ()
    import unicodedata

    # Hangul syllables and other precomposed letters weigh as their parts
    base = [c for c in unicodedata.normalize('NFD', ch) if not unicodedata.combining(c)]
    if not base:
        return ()
    return tuple(_RANK.get(c) or extra.get(c) or _FALLBACK + ord(c) for c in base)


def _w(rank: int) -> str:
    return chr(min(0x100 + rank, 0x10FFFF))


# str.translate tables for U+0000..U+02FF (digits are handled as numbers first)
_PRIM_T: dict[int, str | None]
_CASE_T: dict[int, str | None]


def _digits_key(run: str) -> str:
    digits = run.lstrip('0') or '0'
    return _w(_DIGIT_RANK) + chr(0x2000 + len(digits)) + digits


def _digits_sub(m: re.Match[str]) -> str:
    return _digits_key(m.group())


# digits stay themselves in the tables (below every weight) until their runs are replaced
# ignorables become a placeholder until then: a digit run ends at one, as in ICU
_PRIM_TD: dict[int, str]
_CASE_TD: dict[int, str]
_SLASH_W: str
_ASCII_BYTE: dict[str, int]


def _build() -> None:
    """The tables every path that is not plain ASCII needs (and ties need)."""
    global _RANK, _PRIM_T, _CASE_T, _PRIM_TD, _CASE_TD, _SLASH_W, _ASCII_BYTE
    _RANK = {
        ch: rank for group, rank in zip(MAIN_CLASSES, MAIN_RANKS, strict=True) for ch in group
    }
    prim_t: dict[int, str | None] = dict.fromkeys(range(0x300))
    case_t: dict[int, str | None] = dict.fromkeys(range(0x300))
    for ch, r in _RANK.items():
        prim_t[ord(ch)] = _w(r)
        case_t[ord(ch)] = '\x01' if ch != ch.lower() else '\x00'
    for ch, exp in _EXPANSIONS.items():
        if ord(ch) < 0x300:
            prim_t[ord(ch)] = ''.join(_w(_RANK[c]) for c in exp)
            case_t[ord(ch)] = ('\x01' if ch != ch.lower() else '\x00') * len(exp)
    for cp in range(0x300):
        if prim_t[cp] is None and chr(cp) not in _IGNORABLE:
            prim_t[cp] = _w(_FALLBACK + cp)
            case_t[cp] = '\x00'
    _PRIM_T, _CASE_T = prim_t, case_t
    _PRIM_TD = {**{c: ('\x00' if w is None else w) for c, w in prim_t.items()},
                **{c: chr(c) for c in range(0x30, 0x3A)}}
    _CASE_TD = {**{c: ('\x02' if w is None else w) for c, w in case_t.items()},
                **{c: chr(c) for c in range(0x30, 0x3A)}}
    _SLASH_W = _w(_RANK['/'])
    # ASCII primary weights as single bytes in the same order, above the digits
    # (which stay themselves until their runs are replaced) and the NUL that
    # separates paths
    weights = sorted({w for c, w in prim_t.items() if c < 0x80 and w and not 0x30 <= c <= 0x39}
                     | {_w(_DIGIT_RANK)})
    _ASCII_BYTE = {weight: 0x40 + i for i, weight in enumerate(weights)}


def ascii_tables() -> tuple[bytes, int, int]:
    """The ASCII byte table, the slash's byte and the digits' byte as the
    collation tables give them (what the literals below must equal)."""
    _tables()
    table = bytes(
        c if 0x30 <= c <= 0x39 or c == 0 else
        _ASCII_BYTE.get(_PRIM_T.get(c) or '', _ASCII_IGNORABLE) for c in range(0x100)
    )
    return table, _ASCII_BYTE[_SLASH_W], _ASCII_BYTE[_w(_DIGIT_RANK)]


def _tables() -> None:
    if '_PRIM_TD' not in globals():
        _build()


def __getattr__(name: str) -> object:
    """The tables, for a module that imports them (hooks.publish.pnpm)."""
    if name in ('_RANK', '_PRIM_T', '_CASE_T', '_PRIM_TD', '_CASE_TD', '_SLASH_W', '_ASCII_BYTE'):
        _tables()
        return globals()[name]
    raise AttributeError(f'module {__name__!r} has no attribute {name!r}')


def _prim_td(s: str) -> str:
    return re.sub(_DIGITS, _digits_sub, s.translate(_PRIM_TD)).replace('\x00', '')


def _case_td(s: str) -> str:
    return re.sub(_DIGITS, '\x00', s.translate(_CASE_TD)).replace('\x02', '')


def collation_key(s: str) -> tuple[str, str, str]:
    """Sort key for Intl.Collator('en', {sensitivity: 'case', numeric: true}).

    Primary weights of the whole string first (punctuation < digits < letters,
    accents ignored, digit runs by numeric value), then the case level
    (lowercase before uppercase); ties (npm keeps the tarball order) broken
    by the decomposed code points.  Approximations: a character the collator
    expands to several weights ('…' is '...') beyond the few in _EXPANSIONS
    weighs as one, and Han and scripts beyond the tables come after every
    class, by code point.
    """
    _tables()
    if s.isascii():
        return _prim_td(s), _case_td(s), s
    if max(s) < '\u0300':
        import unicodedata

        return _prim_td(s), _case_td(s), unicodedata.normalize('NFD', s)
    return _slow_key(s)


def _slow_key(s: str) -> tuple[str, str, str]:
    _tables()
    primary: list[str] = []
    case: list[str] = []
    i = 0
    n = len(s)
    while i < n:
        ch = s[i]
        if ch.isdecimal():  # numeric: true weighs digits of every script by value
            m = re.compile(_ANY_DIGITS).match(s, i)
            assert m is not None
            primary.append(_digits_key(''.join(str(int(c)) for c in m.group())))
            case.append('\x00')
            i = m.end()
            continue
        w = _char_primary(ch)
        if w:  # one case weight per primary weight ('ﬁ' weighs as 'fi')
            primary.extend(_w(x) for x in w)
            case.extend(('\x01' if ch != ch.lower() else '\x00') * len(w))
        i += 1
    import unicodedata

    return ''.join(primary), ''.join(case), unicodedata.normalize('NFD', s)


def sort_npm_json(files: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """npm's --json order (npm lib/utils/tar.js): paths whose first character
    equals its upper case come first, each group sorted by an ICU collator."""
    uppers: list[tuple[str, int]] = []
    others: list[tuple[str, int]] = []
    for f in files:
        first = f[0][:1]
        (uppers if first == first.upper() else others).append(f)
    return _collate(uppers) + _collate(others)


_COMPONENT_KEYS: dict[str, str] = {}


def _component_primary(c: str) -> str:
    if c.isascii() or max(c) < '\u0300':
        k = _prim_td(c)
    else:
        k = _slow_key(c)[0]
    _COMPONENT_KEYS[c] = k
    return k


def _primary(s: str) -> str:
    """Primary weights of a path, component by component (folder names repeat)."""
    _tables()
    get = _COMPONENT_KEYS.get
    return _SLASH_W.join([get(c) or _component_primary(c) for c in s.split('/')])


def _collate(files: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Sort by primary weights; only runs of equal primaries need the full key."""
    prims = _primaries([f[0] for f in files])
    order = sorted(range(len(files)), key=prims.__getitem__)
    if len(set(prims)) == len(prims):
        return [files[i] for i in order]
    out = []
    i = 0
    n = len(order)
    while i < n:
        j = i + 1
        while j < n and prims[order[j]] == prims[order[i]]:
            j += 1
        group = [files[x] for x in order[i:j]]
        if len(group) > 1:
            group.sort(key=lambda f: collation_key(f[0]))
        out.extend(group)
        i = j
    return out


def _primaries(paths: list[str]) -> list[str] | list[bytes]:
    joined = '\x00'.join(paths)
    if paths and joined.isascii():
        # folders repeat: weigh each folder once and each file name once
        split = [p.rpartition('/') for p in paths]
        folders = list(dict.fromkeys([folder for folder, _, _ in split]))
        folder_keys = _ascii_primaries('\x00'.join(folders).encode('ascii'))
        name_keys = _ascii_primaries('\x00'.join([name for _, _, name in split]).encode('ascii'))
        if folder_keys is not None and name_keys is not None:
            slash = bytes((_ASCII_SLASH,))
            by_folder = {
                f: k + slash if f else k for f, k in zip(folders, folder_keys, strict=True)
            }
            return [by_folder[f] + k for (f, _, _), k in zip(split, name_keys, strict=True)]
    return [_primary(p) for p in paths]


# ASCII primary weights as single bytes in the same order (see _build and
# ascii_tables, which derive these literals), above the digits (which stay
# themselves until their runs are replaced) and the NUL that separates paths
_ASCII_IGNORABLE = 0x3A  # a placeholder until the digit runs are found, then removed
_ASCII_TABLE = (
    b'\x00::::::::@ABCD::::::::::::::::::'
    b'EKO[e\\ZNPQW_HGMX0123456789JI`abL'
    b'Vghijklmnopqrstuvwxyz{|}~\x7f\x80RYS^F'
    b']ghijklmnopqrstuvwxyz{|}~\x7f\x80TcUd:'
    b'::::::::::::::::::::::::::::::::'
    b'E:::::::::g:::::::::::::::u:::::'
    b'gggggg:ikkkkoooojtuuuuu:u{{{{\x7f::'
    b'gggggg:ikkkkoooojtuuuuu:u{{{{\x7f:\x7f'
)
_ASCII_SLASH = 88
_DIGIT_BYTE = 102
_DIGIT_RUNS = rb'([0-9]+)'
_DIGIT_BYTES = b'0123456789'


def _ascii_digit_run(run: bytes) -> bytes:
    digits = run.lstrip(b'0') or b'0'
    return _RUN_PREFIX[len(digits)] + digits


_RUN_PREFIX = [bytes((_DIGIT_BYTE, n)) for n in range(0x30)]


def _ascii_primaries(joined: bytes) -> list[bytes] | None:
    """:func:`_primary` of NUL-joined ASCII paths, as bytes that sort the same way
    (one C-level translate; digit runs become digit weight, length, digits)."""
    weights = joined.translate(_ASCII_TABLE)  # (digits stay themselves)
    if len(weights.translate(None, _DIGIT_BYTES)) == len(weights):
        parts = [weights]  # no digit run: what the split would give
    else:
        parts = re.split(_DIGIT_RUNS, weights)
    runs = parts[1::2]
    if runs:
        if max(map(len, runs)) >= 0x30:
            return None  # the length byte would read as a digit
        prefix = _RUN_PREFIX
        parts[1::2] = [
            prefix[len(r)] + r if r[0] != 0x30 else _ascii_digit_run(r) for r in runs
        ]
    return b''.join(parts).replace(b'\x3a', b'').split(b'\x00')
