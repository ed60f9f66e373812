"""Secrets in the sources a source map embeds, at the original file and line.

A map's ``sourcesContent`` holds the original text of each source, config
files included. :class:`EmbeddedScan` walks a map's raw bytes, streamed: it
reads ``sources``, ``sourceRoot`` and ``sourcesContent`` of the map and of
every section of an index map, and skips everything else (``mappings``,
``names``) without decoding it. In each source it finds the anchors of the
secret rules (hooks.judge.credentials) in the raw JSON text, which holds
them as they are, and decodes and scans (hooks.judge.secrets.Scanner) only
the windows around them, counting the lines before each from the source's
``\n`` escapes; a source longer than a read goes piece by piece. So a
60 MB map is never held whole, a 200 MB source costs one pass, and the
lines are the original file's. A value is never kept: only which source,
which line, what kind.

The walker is a push parser (:meth:`EmbeddedScan.feed`), so it can read
along with another reader of the same stream (:class:`Tee`, for inline
maps as they are decoded); :class:`Spool` copies a large tarball member
aside as it is read, for a worker to scan. It trusts the caller to tell it
the file is a map (hooks.judge.sourcemap); on JSON that breaks it stops and
keeps what it found.
"""
from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Callable
from collections.abc import Generator

from hooks.judge.rules import URL_SCHEME
from hooks.judge.secrets import Scanner
from hooks.judge.secrets import anchor_reach

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO
    from typing import NamedTuple
else:
    from hooks.records import NamedTuple

READ_SIZE = 1 << 20
_MAX_DEPTH = 16        # index maps nested deeper than this are not read
_NAME_CAP = 1024       # characters kept of a source's path
_MAX_NAMES = 250_000   # sources named per map (real maps have some thousands)
_PIECE = 256 * 1024    # a long source is judged in pieces at least this long
# What is decoded and scanned before an anchor: the reach back of any format
# (hooks.judge.credentials.MAX_BACK); after it, secrets.anchor_reach says.
_BEFORE = 1024
_WS = re.compile(rb'[ \t\r\n]*')
_SCALAR = re.compile(rb'[^,\]}\s]*')
_STRUCTURE = re.compile(rb'["\[\]{}]')
_BACKSLASH = 0x5C
_JSON = json.JSONDecoder(strict=False)

Steps = Generator[None, None, None]


class EmbeddedHit(NamedTuple):
    """A secret in an embedded source: the source as the map names it
    (``sourceRoot`` applied; ``''`` when the map names none), its line, its kind."""
    source: str
    line: int
    kind: str


class _Broken(Exception):
    """The JSON ends or breaks where the walker needs more."""


class _Record:
    __slots__ = ('hits', 'root', 'sources')

    def __init__(self) -> None:
        self.sources: list[str] = []
        self.root = ''
        self.hits: list[tuple[int, int, str]] = []  # (source index, line, kind)


def _escaped(buf: bytearray, start: int, q: int) -> bool:
    """Whether the quote at ``q`` is escaped (an odd run of backslashes before it)."""
    if q == start or buf[q - 1] != _BACKSLASH:
        return False
    k = q - 1
    while k > start and k > q - 64 and buf[k - 1] == _BACKSLASH:
        k -= 1
    if k > start and buf[k - 1] == _BACKSLASH:  # a run of 64+: count it in C
        run = bytes(buf[start:q])
        return (len(run) - len(run.rstrip(b'\\'))) % 2 == 1
    return (q - k) % 2 == 1


def _safe_cut(buf: bytearray, start: int) -> int:
    """The end of the longest prefix of ``buf[start:]`` that splits no escape
    and no UTF-8 character (``start`` is at an escape boundary)."""
    t = len(buf)
    cut = t
    b = buf.rfind(b'\\', max(start, t - 6), t)
    if b >= 0 and _escaped(buf, start, b + 1) and (  # b starts an escape ...
            b + 1 >= t or (buf[b + 1] == 0x75 and b + 6 > t)):  # ... cut short: '\', '\uXX'
        cut = b
    k = cut
    while k > start and cut - k < 3 and (buf[k - 1] & 0xC0) == 0x80:
        k -= 1
    if k > start and buf[k - 1] >= 0xC0:
        lead = buf[k - 1]
        need = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        if cut - (k - 1) < need:
            cut = k - 1
    return cut


def _newlines(raw: bytes) -> int:
    """Line breaks in JSON string content that starts at an escape boundary."""
    return raw.replace(b'\\\\', b'\0\0').count(b'\\n') + raw.count(b'\n')


def _decode(raw: bytes) -> bytes:
    """JSON string content (no quotes) -> its UTF-8 text."""
    if b'\\' not in raw:
        return raw
    try:
        text = _JSON.decode('"' + raw.decode('utf-8', 'surrogateescape') + '"')
    except ValueError:
        raise _Broken from None
    assert isinstance(text, str)
    return text.encode('utf-8', 'surrogatepass')


class EmbeddedScan:
    """Feed a map's bytes in any pieces; :meth:`finish` gives the hits."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._pos = 0
        self._eof = False
        self._clean: bytes | None = None  # see _closing_quote
        self._clean_at = 0
        self._records: list[_Record] = []
        self._walker: Steps | None = self._document()
        next(self._walker)  # run to the first need of data

    # -- driving ---------------------------------------------------------------------

    def feed(self, data: bytes) -> None:
        if self._walker is None or not data:
            return
        if self._pos >= READ_SIZE:
            del self._buf[:self._pos]
            self._pos = 0
        self._buf += data
        self._clean = None
        self._step()

    def finish(self) -> list[EmbeddedHit]:
        if self._walker is not None:
            self._eof = True
            self._step()
        out: list[EmbeddedHit] = []
        for rec in self._records:
            for index, line, kind in rec.hits:
                name = rec.sources[index] if index < len(rec.sources) else ''
                out.append(EmbeddedHit(_with_root(rec.root, name), line, kind))
        return out

    def _step(self) -> None:
        assert self._walker is not None
        try:
            self._walker.send(None)
        except (StopIteration, _Broken):
            self._walker = None
            self._buf = bytearray()
            self._pos = 0

    # -- the grammar a map needs ------------------------------------------------------

    def _need(self) -> Steps:
        """Wait for more bytes; _Broken at the end of the input."""
        if self._eof:
            raise _Broken
        yield

    def _peek(self) -> Generator[None, None, int]:
        """Skip whitespace; the next byte (not consumed)."""
        while True:
            m = _WS.match(self._buf, self._pos)
            assert m is not None
            self._pos = m.end()
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            yield from self._need()

    def _expect(self, byte: bytes) -> Steps:
        c = yield from self._peek()
        if c != byte[0]:
            raise _Broken
        self._pos += 1

    def _document(self) -> Steps:
        yield  # primed by __init__
        while len(self._buf) < 4 and not self._eof:
            yield from self._need()
        if self._buf.startswith(b'\xef\xbb\xbf'):
            self._pos = 3
        c = yield from self._peek()
        if c == ord(')'):  # the spec's )]}' line against XSSI
            while (nl := self._buf.find(b'\n', self._pos)) < 0:
                self._pos = len(self._buf)
                yield from self._need()
            self._pos = nl + 1
            c = yield from self._peek()
        if c != ord('{'):
            return
        rec = _Record()
        self._records.append(rec)
        yield from self._map(rec, 0)

    def _map(self, rec: _Record, depth: int) -> Steps:
        """A map object (at its '{'): the fields that hold sources, the sections."""
        yield from self._expect(b'{')
        c = yield from self._peek()
        if c == ord('}'):
            self._pos += 1
            return
        while True:
            key = yield from self._text()
            yield from self._expect(b':')
            c = yield from self._peek()
            if key == 'sources' and c == ord('['):
                yield from self._array(lambda _i: self._source_name(rec))
            elif key == 'sourcesContent' and c == ord('['):
                yield from self._array(lambda i: self._content(rec, i))
            elif key == 'sourceRoot' and c == ord('"'):
                rec.root = yield from self._text()
            elif key == 'sections' and c == ord('[') and depth < _MAX_DEPTH:
                yield from self._array(lambda _i: self._section(depth))
            else:
                yield from self._skip()
            c = yield from self._peek()
            self._pos += 1
            if c == ord('}'):
                return
            if c != ord(','):
                raise _Broken

    def _section(self, depth: int) -> Steps:
        c = yield from self._peek()
        if c != ord('{'):
            yield from self._skip()
            return
        self._pos += 1
        c = yield from self._peek()
        if c == ord('}'):
            self._pos += 1
            return
        while True:
            key = yield from self._text()
            yield from self._expect(b':')
            c = yield from self._peek()
            if key == 'map' and c == ord('{'):
                rec = _Record()
                self._records.append(rec)
                yield from self._map(rec, depth + 1)
            else:
                yield from self._skip()
            c = yield from self._peek()
            self._pos += 1
            if c == ord('}'):
                return
            if c != ord(','):
                raise _Broken

    def _array(self, item: Callable[[int], Steps]) -> Steps:
        """Each item of an array (at its '['), by ``item(index)``."""
        yield from self._expect(b'[')
        c = yield from self._peek()
        if c == ord(']'):
            self._pos += 1
            return
        i = 0
        while True:
            yield from item(i)
            i += 1
            c = yield from self._peek()
            self._pos += 1
            if c == ord(']'):
                return
            if c != ord(','):
                raise _Broken

    def _source_name(self, rec: _Record) -> Steps:
        c = yield from self._peek()
        if c == ord('"') and len(rec.sources) < _MAX_NAMES:
            rec.sources.append((yield from self._text()))
        else:  # not a name, or past the names kept (a hostile map's millions)
            yield from self._skip()
            rec.sources.append('')

    def _content(self, rec: _Record, index: int) -> Steps:
        c = yield from self._peek()
        if c != ord('"'):
            yield from self._skip()
            return
        name = rec.sources[index] if index < len(rec.sources) else ''
        start = self._pos + 1
        q = self._closing_quote(start)
        if q >= 0:  # the whole source is in the buffer (all but the largest are)
            self._pos = q + 1
            rec.hits.extend((index, line, kind) for line, kind in self._scan_whole(name, start, q))
            return
        scanner = Scanner(name)  # a long one, streamed
        yield from self._string(scanner)
        rec.hits.extend((index, h.line, h.kind) for h in scanner.finish())

    def _scan_whole(self, name: str, start: int, end: int) -> list[tuple[int, str]]:
        """(line, kind) of the secrets in the source ``buf[start:end]`` (raw JSON).

        Only the windows around the anchors of the rules (found in the raw
        bytes, once per read) are decoded and scanned: a source without one
        costs nothing, a long source with one costs a few kilobytes.
        """
        anchors = self._anchors_in(start, end)
        if not anchors:
            return []
        windows: list[list[int]] = []
        for p, reach in anchors:
            ws, we = max(start, p - _BEFORE), min(end, p + reach)
            if windows and ws <= windows[-1][1]:
                windows[-1][1] = we
            else:
                windows.append([ws, we])
        if Scanner(name).reads_all or sum(we - ws for ws, we in windows) * 2 >= end - start:
            windows = [[start, end]]
        out: list[tuple[int, str]] = []
        for ws, we in windows:
            ws = self._align(ws, start)
            we = self._align(we, start) if we < end else end
            scanner = Scanner(name, line=1 + self._newlines(start, ws))
            scanner.feed(_decode(bytes(self._buf[ws:we])))
            for hit in scanner.finish():
                if (hit.line, hit.kind) not in out:
                    out.append((hit.line, hit.kind))
        return out

    def _align(self, pos: int, start: int) -> int:
        """``pos`` moved back to where no escape and no UTF-8 character is cut."""
        assert self._clean is not None
        clean, at = self._clean, self._clean_at
        while True:
            while pos > start and clean[pos - 1 - at] in (_BACKSLASH, 0):
                pos -= 1  # an escape's backslash, or a blanked \\ or \" pair
            k = clean.rfind(b'\\u', max(start, pos - 5) - at, pos - at)
            if k < 0:
                break
            pos = k + at  # inside a \uXXXX escape
        while pos > start and (self._buf[pos] & 0xC0) == 0x80:
            pos -= 1
        return pos

    def _newlines(self, start: int, end: int) -> int:
        """Lines the source's text ``buf[start:end]`` ends (\\n escapes, in the copy
        where escaped backslashes are blanked; raw ones, which lenient writers leave)."""
        assert self._clean is not None
        a, b = start - self._clean_at, end - self._clean_at
        return self._clean.count(b'\\n', a, b) + self._clean.count(b'\n', a, b)

    def _text(self) -> Generator[None, None, str]:
        """A string (at its quote), decoded; only its first _NAME_CAP characters."""
        c = yield from self._peek()
        if c != ord('"'):
            raise _Broken
        parts: list[bytes] = []
        yield from self._string(parts)
        raw = b''.join(parts)
        try:
            text = json.loads(b'"' + raw + b'"', strict=False)
        except ValueError:  # cut short in an escape: the name as it is written
            text = raw.decode('utf-8', 'replace')
        return str(text)[:_NAME_CAP]

    def _string(self, sink: Scanner | list[bytes] | None) -> Steps:
        """Consume a string (at its quote), its text fed to ``sink`` piece by piece.

        A long source goes to a Scanner in pieces of at least _PIECE bytes, and
        only the pieces near an anchor of a rule are decoded and read (with the
        end of the piece before, the reach back of a rule, and the piece after,
        where what an anchor starts may end); the others only count lines.
        """
        self._pos += 1
        kept = 0
        carry = b''   # the end of the piece before, not read yet (raw, from an escape boundary)
        hot = False   # the piece before had an anchor: what it anchors may run on
        while True:
            buf, start = self._buf, self._pos
            q = self._closing_quote(start)
            end = q if q >= 0 else _safe_cut(buf, start)
            if isinstance(sink, Scanner) and q < 0 and end - start < _PIECE and not self._eof:
                yield from self._need()  # wait for a piece worth judging
                continue
            if sink is not None and end > start:
                if isinstance(sink, list):
                    if kept < _NAME_CAP * 4:  # raw bytes, decoded by _text
                        sink.append(bytes(buf[start:min(end, start + _NAME_CAP * 4 - kept)]))
                        kept += len(sink[-1])
                else:
                    piece = carry + bytes(buf[start:end])
                    near = (
                        sink.reads_all or self._has_escaped_slash(start, end) or
                        bool(anchor_reach(piece))
                    )
                    if near or hot:
                        sink.feed(_decode(piece))
                        carry = b''
                    else:
                        split = self._align(max(start, end - _BEFORE), start)
                        sink.skip(_newlines(carry) + self._newlines(start, split))
                        carry = bytes(buf[split:end])
                    hot = near
            if q >= 0:
                if isinstance(sink, Scanner) and carry:
                    sink.feed(_decode(carry))  # only lines: nothing anchored in it
                self._pos = q + 1
                return
            self._pos = end
            yield from self._need()

    def _closing_quote(self, start: int) -> int:
        """The first unescaped quote at or after ``start`` (an escape boundary), or -1.

        It is found in a copy of the buffer where escaped backslashes and
        escaped quotes are blanked out (same length, so same offsets), made
        once per read: one C pass, however many quotes the sources escape.
        """
        if self._clean is None or start < self._clean_at:
            raw = bytes(self._buf[start:])
            self._clean = raw.replace(b'\\\\', b'\0\0').replace(b'\\"', b'\0\0')
            self._clean_at = start
        q = self._clean.find(b'"', start - self._clean_at)
        return q + self._clean_at if q >= 0 else -1

    def _has_escaped_slash(self, start: int, end: int) -> bool:
        """Whether ``buf[start:end]`` has a real ``\\/`` escape (PHP writes them)."""
        assert self._clean is not None  # made by _closing_quote for this read
        return self._clean.find(b'\\/', start - self._clean_at, end - self._clean_at) >= 0

    def _anchors_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """``(start, reach)`` of each anchor of a secret rule in ``buf[start:end]``
        (raw JSON: anchors have no character JSON escapes but ``/``, which some
        write ``\\/``: then the whole source is read)."""
        if self._has_escaped_slash(start, end):
            return [(start, end - start)]
        return [(p + start, reach) for p, reach in anchor_reach(bytes(self._buf[start:end]))]

    def _skip(self) -> Steps:
        """Consume any value without decoding it."""
        c = yield from self._peek()
        if c == ord('"'):
            yield from self._string(None)
            return
        if c not in (ord('{'), ord('[')):
            while True:
                m = _SCALAR.match(self._buf, self._pos)
                assert m is not None
                self._pos = m.end()
                if self._pos < len(self._buf) or self._eof:
                    return
                yield from self._need()
        depth = 0
        while True:
            m = _STRUCTURE.search(self._buf, self._pos)
            if m is None:
                self._pos = len(self._buf)
                yield from self._need()
                continue
            self._pos = m.start()
            c = self._buf[self._pos]
            if c == ord('"'):
                yield from self._string(None)
                continue
            self._pos += 1
            depth += 1 if c in (ord('{'), ord('[')) else -1
            if depth == 0:
                return


def _with_root(root: str, source: str) -> str:
    """``sourceRoot`` + source, as the source map spec joins them."""
    if not root or URL_SCHEME.match(source) or source.startswith('/'):
        return source
    return root + ('' if root.endswith('/') else '/') + source


def scan_embedded(stream: IO[bytes]) -> list[EmbeddedHit]:
    """The secrets in the embedded sources of the map in ``stream``, streamed."""
    scan = EmbeddedScan()
    while True:
        data = stream.read(READ_SIZE)
        if not data:
            return scan.finish()
        scan.feed(data)


class Tee:
    """A stream that feeds what is read from it to an :class:`EmbeddedScan`."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.scan = EmbeddedScan()

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.scan.feed(data)
        return data


class Spool:
    """A stream that copies what is read from it into a temporary file: a large
    map read once from a tarball, its embedded sources scanned later elsewhere."""

    def __init__(self, stream: IO[bytes]) -> None:
        import tempfile

        self._stream = stream
        self._tmp = tempfile.NamedTemporaryFile(  # noqa: SIM115 (keep() or discard() closes it)
            prefix='packguard-map-', delete=False,
        )

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._tmp.write(data)
        return data

    def keep(self) -> str:
        """Close the copy; its path (the caller removes it)."""
        self._tmp.close()
        return self._tmp.name

    def discard(self) -> None:
        self._tmp.close()
        os.unlink(self._tmp.name)


def shown_source(source: str, map_path: str) -> str:
    """How a finding names an embedded source: a path from the package folder
    where the map's name resolves to one (``../src/config.ts`` next to
    ``dist/x.js.map`` is ``src/config.ts``; ``webpack://app/./src/a.ts`` is
    ``src/a.ts``), else the name as the map gives it."""
    if not source:
        return '<unnamed source>'
    if URL_SCHEME.match(source):
        scheme, _, rest = source.partition('://')
        if scheme.lower() == 'file':
            return rest or source
        rest = rest.split('/', 1)[1] if '/' in rest else ''
        rest = rest.split('?', 1)[0]
        joined = posixpath.normpath(rest.lstrip('/')) if rest else ''
        return joined if joined and joined != '.' else source
    if source.startswith('/'):
        return source
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(map_path), source))
    return joined if joined != '.' else source


def secret_message(kind: str, source: str, *, inline: bool) -> str:
    """What a finding says of a secret in a map's copy of ``source`` (never the value)."""
    what = 'inline map' if inline else 'map'
    return (
        f"{kind} embedded in the {what}'s copy of {source} (value not shown); revoke it, "
        f'then keep it out of the source (read it at run time) and rebuild: a source map '
        f'carries the full text of every source'
    )
