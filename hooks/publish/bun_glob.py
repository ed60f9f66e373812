"""bun's glob matcher (src/glob/matcher.rs, itself a port of devongovett/glob-match).

What ``bun pm pack`` matches ignore lines and ``files`` entries with, byte for
byte: ``*`` and ``?`` stop at ``/`` but match dotfiles, ``**`` matches whole
segments, ``[...]`` classes (``!``/``^`` negate, ranges by code point),
``{a,b}`` braces nested up to 10 deep with a budget of 10,000 branches,
``\\`` escapes (``\\a`` is ``a``, ``\\b`` a backspace, ``\\n``/``\\r``/``\\t``
control characters), each leading ``!`` inverting; case-sensitive.  Where
bun 1.4.5 differs from that source (it reads invalid patterns: an unclosed
``[`` or ``{`` or a final ``\\`` is a plain character), the real bun decided.
"""
from __future__ import annotations

_BRACE_BUDGET = 10_000
_BRACE_DEPTH = 10


def _seq_len(b: int) -> int:
    """bun's wtf8_byte_sequence_length."""
    if b < 0x80:
        return 1
    if b & 0xE0 == 0xC0:
        return 2
    if b & 0xF0 == 0xE0:
        return 3
    if b & 0xF8 == 0xF0:
        return 4
    return 1


def _rune(data: bytes, i: int) -> tuple[int, int]:
    """The code point at ``data[i]`` and its byte length (U+FFFD when invalid)."""
    n = _seq_len(data[i])
    try:
        return ord(data[i:i + n].decode('utf-8')), n
    except (UnicodeDecodeError, TypeError):
        return 0xFFFD, n


_ESCAPES = {ord('a'): 0x61, ord('b'): 0x08, ord('n'): 0x0A, ord('r'): 0x0D, ord('t'): 0x09}


class _Wild:
    __slots__ = ('depth', 'glob', 'path')

    def __init__(self, glob: int = 0, path: int = 0, depth: int = 0) -> None:
        self.glob = glob
        self.path = path
        self.depth = depth

    def copy(self) -> _Wild:
        return _Wild(self.glob, self.path, self.depth)


class _State:
    __slots__ = ('depth', 'gi', 'globstar', 'pi', 'wildcard')

    def __init__(self) -> None:
        self.pi = 0
        self.gi = 0
        self.wildcard = _Wild()
        self.globstar = _Wild()
        self.depth = 0

    def copy(self) -> _State:
        s = _State()
        s.pi, s.gi, s.depth = self.pi, self.gi, self.depth
        s.wildcard, s.globstar = self.wildcard.copy(), self.globstar.copy()
        return s

    def backtrack(self) -> None:
        self.pi = self.wildcard.path
        self.gi = self.wildcard.glob
        self.depth = self.wildcard.depth

    def skip_to_separator(self, path: bytes, end_invalid: bool) -> None:
        if self.pi == len(path):
            self.wildcard.path += 1
            return
        pi = self.pi
        while pi < len(path) and path[pi] != 0x2F:
            pi += 1
        if end_invalid or pi != len(path):
            pi += 1
        self.wildcard.path = pi
        self.globstar = self.wildcard.copy()


def glob_match(glob: bytes, path: bytes) -> bool | None:
    """bun's ``glob::match``: True/False, inverted by each leading ``!``.

    Returns None for a negated pattern whose body matched (bun's
    ``NegateNoMatch``), so callers can tell "negation hit" from "no match".
    """
    st = _State()
    negated = False
    while st.gi < len(glob) and glob[st.gi] == 0x21:
        negated = not negated
        st.gi += 1
    # the globstar test looks back from where the pattern starts, after the
    # `!`s: `!**/a/*.js` excludes `a/x.js` in the real bun 1.4.5
    matched = _match_impl(st, glob, st.gi, path, [], [_BRACE_BUDGET])
    if negated:
        return None if matched else False
    return matched


def _skip_globstars(glob: bytes, gi: int) -> int:
    gi += 2
    while gi + 4 <= len(glob) and glob[gi:gi + 4] == b'/**/':
        gi += 3
    if gi + 3 == len(glob) and glob[gi:gi + 3] == b'/**':
        gi += 3
    return gi - 2


def _unescape(glob: bytes, gi: int) -> tuple[int, int]:
    """(byte, new glob index) after a possible backslash; a backslash that ends
    the glob is itself (real bun 1.4.5: the pattern ``a\\`` matches ``a\\``)."""
    c = glob[gi]
    if c == 0x5C and gi + 1 < len(glob):
        gi += 1
        c = _ESCAPES.get(glob[gi], glob[gi])
    return c, gi


def _class_end(glob: bytes, gi: int) -> int | None:
    """Where the class opened at ``glob[gi]`` ends, None if it never does."""
    glen = len(glob)
    i = gi + 1
    if i < glen and glob[i] in (0x5E, 0x21):
        i += 1
    first = True
    while i < glen and (first or glob[i] != 0x5D):
        got = _class_char(glob, i)
        if got is None:
            return None
        _, n, i = got
        i += n
        if i + 1 < glen and glob[i] == 0x2D and glob[i + 1] != 0x5D:
            got = _class_char(glob, i + 1)
            if got is None:
                return None
            _, n, i = got
            i += n
        first = False
    return i + 1 if i < glen else None


def _past_class(glob: bytes, i: int) -> int:
    """The index to go on from at ``glob[i]``: past a whole class, or just past
    the character (braces skip what a class holds; an unclosed ``[`` is a
    character, real bun 1.4.5: ``{a,[b}`` is ``a`` or ``[b``)."""
    if glob[i] == 0x5B:
        end = _class_end(glob, i)
        if end is not None:
            return end
    if glob[i] == 0x5C:
        return i + 2
    return i + 1


def _brace_closed(glob: bytes, gi: int) -> bool:
    """Whether the ``{`` at ``glob[gi]`` has its ``}`` (as match_brace counts)."""
    depth = 0
    i = gi
    while i < len(glob):
        c = glob[i]
        if c == 0x7B:
            depth += 1
        elif c == 0x7D:
            depth -= 1
            if depth == 0:
                return True
        i = _past_class(glob, i)
    return False


def _class_char(glob: bytes, gi: int) -> tuple[int, int, int] | None:
    """bun's get_unicode: (code point, its byte length, index of its first byte)."""
    c = glob[gi]
    if c < 0x80 and c != 0x5C:
        return c, 1, gi
    if c == 0x5C:
        gi += 1
        if gi >= len(glob):
            return None
        e = glob[gi]
        if e in _ESCAPES:
            return _ESCAPES[e], 1, gi
        cp, n = _rune(glob, gi)
        return cp, n, gi
    cp, n = _rune(glob, gi)
    return cp, n, gi


def _match_impl(
        st: _State, glob: bytes, glob_start: int, path: bytes,
        braces: list[tuple[int, int]], budget: list[int],
) -> bool:
    glen, plen = len(glob), len(path)
    while st.gi < glen or st.pi < plen:
        if st.gi < glen:
            ch = glob[st.gi]
            literal: bool | None = False
            if ch == 0x2A:   # *
                is_globstar = st.gi + 1 < glen and glob[st.gi + 1] == 0x2A
                if is_globstar:
                    st.gi = _skip_globstars(glob, st.gi)
                st.wildcard.glob = st.gi
                st.wildcard.path = st.pi + (_seq_len(path[st.pi]) if st.pi < plen else 1)
                st.wildcard.depth = st.depth
                in_globstar = False
                if is_globstar:
                    st.gi += 2
                    end_invalid = st.gi < glen
                    if (end_invalid and st.pi == plen and glen - st.gi == 2
                            and glob[st.gi] == 0x2F and glob[st.gi + 1] == 0x2A):
                        continue
                    if ((st.gi - glob_start < 3 or glob[st.gi - 3] == 0x2F)
                            and (not end_invalid or glob[st.gi] == 0x2F)):
                        if end_invalid:
                            st.gi += 1
                        st.skip_to_separator(path, end_invalid)
                        in_globstar = True
                else:
                    st.gi += 1
                if not in_globstar and st.pi < plen and path[st.pi] == 0x2F:
                    st.wildcard = st.globstar.copy()
                continue
            if ch == 0x3F:   # ?
                if st.pi < plen:
                    if path[st.pi] != 0x2F:
                        st.gi += 1
                        st.pi += _seq_len(path[st.pi])
                        continue
                    literal = None   # fall through to backtracking
                else:
                    literal = True
            elif ch == 0x5B and _class_end(glob, st.gi) is None:
                # real bun 1.4.5: an unclosed [ is a literal [
                literal = True
            elif ch == 0x5B:   # [
                if st.pi < plen:
                    st.gi += 1
                    negated = False
                    if st.gi < glen and glob[st.gi] in (0x5E, 0x21):
                        negated = True
                        st.gi += 1
                    first = True
                    is_match = False
                    c, clen = _rune(path, st.pi)
                    while st.gi < glen and (first or glob[st.gi] != 0x5D):
                        got = _class_char(glob, st.gi)
                        if got is None:
                            return False
                        low, low_len, st.gi = got
                        st.gi += low_len
                        high = low
                        if st.gi + 1 < glen and glob[st.gi] == 0x2D and glob[st.gi + 1] != 0x5D:
                            st.gi += 1
                            got = _class_char(glob, st.gi)
                            if got is None:
                                return False
                            high, high_len, st.gi = got
                            st.gi += high_len
                        if low <= c <= high:
                            is_match = True
                        first = False
                    if st.gi >= glen:
                        return False
                    st.gi += 1
                    if is_match != negated:
                        st.pi += clen
                        continue
                    literal = None
                else:
                    literal = True
            elif ch == 0x7B:   # {
                for open_idx, branch_idx in braces:
                    if open_idx == st.gi:
                        st.gi = branch_idx
                        st.depth += 1
                        break
                else:
                    if _brace_closed(glob, st.gi):
                        return _match_brace(st, glob, path, braces, budget)
                    literal = True   # real bun 1.4.5: an unclosed { is a literal {
                if not literal:
                    continue
            elif ch in (0x2C, 0x7D):   # , }
                if st.depth > 0:
                    _skip_branch(st, glob)
                    continue
                literal = True
            else:
                literal = True
            if literal and st.pi < plen:
                cc, st.gi = _unescape(glob, st.gi)
                n = _seq_len(cc)
                if cc == 0x2F:
                    ok = path[st.pi] == 0x2F
                elif n > 1:
                    ok = (st.pi + n <= plen and st.gi + n <= glen
                          and path[st.pi:st.pi + n] == glob[st.gi:st.gi + n])
                else:
                    ok = path[st.pi] == cc
                if ok:
                    st.gi += n
                    st.pi += n
                    if cc == 0x2F:
                        st.wildcard = st.globstar.copy()
                    continue
        if 0 < st.wildcard.path <= plen:
            st.backtrack()
            continue
        return False
    return True


def _match_brace(
        st: _State, glob: bytes, path: bytes,
        braces: list[tuple[int, int]], budget: list[int],
) -> bool:
    depth = 0
    open_idx = st.gi
    branch = 0
    while st.gi < len(glob):
        c = glob[st.gi]
        if c == 0x7B:
            depth += 1
            if depth == 1:
                branch = st.gi + 1
        elif c == 0x7D:
            depth -= 1
            if depth == 0:
                if _match_branch(st, glob, path, open_idx, branch, braces, budget):
                    return True
                break
        elif c == 0x2C and depth == 1:
            if _match_branch(st, glob, path, open_idx, branch, braces, budget):
                return True
            branch = st.gi + 1
        st.gi = _past_class(glob, st.gi)
    return False


def _match_branch(
        st: _State, glob: bytes, path: bytes, open_idx: int, branch: int,
        braces: list[tuple[int, int]], budget: list[int],
) -> bool:
    if budget[0] == 0:
        return False
    budget[0] -= 1
    if len(braces) >= _BRACE_DEPTH:
        return False
    braces.append((open_idx, branch))
    bst = st.copy()
    bst.gi = branch
    bst.depth = len(braces)
    matched = _match_impl(bst, glob, branch, path, braces, budget)
    braces.pop()
    return matched


def _skip_branch(st: _State, glob: bytes) -> None:
    end_depth = st.depth - 1
    while st.gi < len(glob):
        c = glob[st.gi]
        if c == 0x7B:
            st.depth += 1
        elif c == 0x7D:
            st.depth -= 1
            if st.depth == end_depth:
                st.gi += 1
                return
        st.gi = _past_class(glob, st.gi)
