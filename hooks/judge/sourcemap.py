"""The streaming source-map reader: file maps and inline ``data:`` maps.

A source map is recognised by content, whatever the file is called: a JSON
object at the top level with ``"version": 3`` and ``"mappings"`` or
``"sections"`` (an index map). The file is never loaded whole: ijson (yajl's
C parser) streams it in 1 MiB reads, and only the source paths and one flag
per ``sourcesContent`` entry are kept. A file that is not a JSON object is
rejected on its first bytes; a JSON object whose ``version`` is not 3 is
rejected as soon as that key is read.

Bad input follows one rule: a file that cannot be a source map is not one
(binary junk, empty, an array, JSON that breaks before any sign of a map).
A file that has shown it is a source map (a top-level ``"version": 3``) and
then breaks (truncated, invalid UTF-8) still leaks what it holds, so it is
not waved through: it raises :class:`hooks.findings.BadInput`, as does a
file that cannot be read at all.
"""
from __future__ import annotations

import binascii
import functools
import io
import os
import re
from collections.abc import Iterator

from hooks.findings import BadInput

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO
    from typing import Any
    from typing import NamedTuple
else:
    from hooks.records import NamedTuple

# patterns compiled when first used, kept for the run (a monorepo's thousands of
# glob patterns could push them out of re's own cache)
_pattern = functools.cache(re.compile)

READ_SIZE = 1 << 20  # ijson's read size: below ~256 KiB yajl re-buffers long strings slowly

# identify tags of files that carry sourceMappingURL comments, plus the
# extensions identify has no tag for.
SCRIPT_STYLE_TAGS = frozenset(('javascript', 'jsx', 'css'))
SCRIPT_STYLE_EXTENSIONS = frozenset(('.es6', '.es', '.pcss'))


class SourceMapInfo(NamedTuple):
    """What a source map reveals, without any of its text.

    ``sources`` lists every source path in order (all sections of an index
    map; a ``null`` entry is ``''``); ``embedded`` lists those whose
    ``sourcesContent`` entry is a string, i.e. whose full text is in the map.
    """
    size: int
    sources: tuple[str, ...]
    embedded: tuple[str, ...]

    @property
    def all_embedded(self) -> bool:
        return bool(self.sources) and len(self.embedded) >= len(self.sources)


class InlineMap(NamedTuple):
    line: int
    info: SourceMapInfo | None
    error: str | None = None
    # secrets in its embedded sources (hooks.judge.embedded.EmbeddedHit)
    secrets: tuple[Any, ...] = ()


def human_size(n: int) -> str:
    """Decimal units with one decimal, as npm prints sizes: ``59.8 MB``."""
    if n < 1000:
        return f'{n} B'
    for unit, scale in (('kB', 1e3), ('MB', 1e6)):
        if n < scale * 999.95:
            return f'{n / scale:.1f} {unit}'
    return f'{n / 1e9:.1f} GB'


def plural(n: int, word: str) -> str:
    return f'{n:,} {word}' + ('' if n == 1 else 's')


def describe(info: SourceMapInfo) -> str:
    """``4,756 sources, all with embedded source text (59.8 MB)``."""
    n, k = len(info.sources), len(info.embedded)
    if n == 0:
        what = 'no sources'
    elif k == 0:
        what = f'{plural(n, "source")}, none with embedded source text'
    elif n == 1:
        what = '1 source, with embedded source text'
    elif k >= n:
        what = f'{plural(n, "source")}, all with embedded source text'
    else:
        what = f'{plural(n, "source")}, {k:,} with embedded source text'
    return f'{what} ({human_size(info.size)})'


def is_script_or_style(path: str) -> bool:
    """JS and CSS files, the ones a bundler appends sourceMappingURL to."""
    # identify's own tables, looked up as its tags_from_filename does (its
    # identify.identify module costs a commit-time run 6 ms more to import)
    from identify import extensions

    name = os.path.basename(path)
    ext = os.path.splitext(name)[1].lower()
    if ext in SCRIPT_STYLE_EXTENSIONS:
        return True
    tags: set[str] = set()
    for part in [name, *name.split('.')]:
        if part in extensions.NAMES:
            tags.update(extensions.NAMES[part])
            break
    ext = ext[1:]
    if ext in extensions.EXTENSIONS:
        tags.update(extensions.EXTENSIONS[ext])
    elif ext in extensions.EXTENSIONS_NEED_BINARY_CHECK:
        tags.update(extensions.EXTENSIONS_NEED_BINARY_CHECK[ext])
    return not SCRIPT_STYLE_TAGS.isdisjoint(tags)


# -- file maps ---------------------------------------------------------------

_WS = b' \t\r\n'
_BOM = b'\xef\xbb\xbf'
_XSSI = b")]}'"  # the spec lets a map start with a )]}' line against XSSI
_SNIFF = 1024


class _Prefixed:
    """``head`` then the rest of ``stream``, for a parser after a sniff."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size < 0 or size >= len(self._head):
                head, self._head = self._head, b''
                return head
            head, self._head = self._head[:size], self._head[size:]
            return head
        return self._stream.read(size)


def _sniff(stream: IO[bytes]) -> bytes | None:
    """The bytes read so far, from the opening ``{``; None if no JSON object.

    A ``)]}'`` first line is skipped as it is read: each read is searched
    once for its line break, so a 10 MB one-line file costs one pass.
    """
    head = stream.read(_SNIFF)
    head = head.removeprefix(_BOM)
    if head.startswith(_XSSI):
        while b'\n' not in head:
            head = stream.read(READ_SIZE)
            if not head:
                return None
        head = head[head.index(b'\n') + 1:]
    while True:
        head = head.lstrip(_WS)
        if head:
            return head if head[:1] == b'{' else None
        head = stream.read(_SNIFF)
        if not head:
            return None


def _yajl_message(e: Exception) -> str:
    # yajl's message goes on to quote the input around the error; keep only
    # its first line, so no text of the file (a secret?) is ever printed.
    text = e.args[0] if e.args else e
    if isinstance(text, bytes):
        text = text.decode('utf-8', 'replace')
    first = str(text).strip().splitlines()
    return first[0].rstrip('.') if first else type(e).__name__


# Bytes that can appear in JSON outside strings; a read of READ_SIZE bytes
# with no quote and some other byte is inside one long string.
_OUTSIDE_STRINGS = b' \t\r\n0123456789+-.eE[]{},:aeflnrstu'
# A place inside a string where bytes can be cut out: not within an escape
# (no backslash in the 6 bytes before) and at a character boundary.
_CUT_POINT = rb'[^\\]{6}(?=[^\x80-\xbf])'   # compiled when first used (re's cache)


class _LongStrings:
    """A JSON byte stream whose very long strings are cut short, so a parser never
    holds a 200 MB ``sourcesContent`` entry: a read that holds no quote at all
    and bytes that only strings can hold is inside a string, and is passed on
    as its first and last few bytes (cut where the JSON stays valid). Every
    string stays a string, shorter; everything else passes unchanged."""

    def __init__(self, stream: IO[bytes] | _Prefixed) -> None:
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if len(data) < 4096 or b'"' in data or not data.translate(None, _OUTSIDE_STRINGS):
            return data
        first = _pattern(_CUT_POINT).search(data)
        if first is None:
            return data
        cuts = list(_pattern(_CUT_POINT).finditer(data, max(first.end(), len(data) - 64)))
        if not cuts:
            return data
        return data[:first.end()] + data[cuts[-1].end():]


class _MapRecord:
    __slots__ = ('content', 'sources')

    def __init__(self) -> None:
        self.sources: list[str] = []
        self.content: list[bool] = []


# What the value being read belongs to (a frame of the parse stack).
_RECORD, _SOURCES, _CONTENT, _SECTIONS, _SECTION, _OTHER = range(6)
_SCALARS = frozenset(('string', 'number', 'boolean', 'null'))
MAX_DEPTH = 512  # deeper JSON is a broken map (a real one nests 4 levels, 6 in an index map)


class _Broken(Exception):
    pass


# A small JSON file that cannot hold a "mappings" or "sections" key (no such
# word and no escape that could spell one) is no map, when it is one valid JSON
# value: package.json, tsconfig.json and the like are told without the
# streaming parser (whose import alone costs a commit-time run 15 ms).
_PLAIN_JSON_LIMIT = 256 * 1024


def _plain_json(data: bytes) -> bool:
    """``data`` is one valid JSON value that no map reading could call a map (or a
    broken one), so the streaming parse would say None too."""
    if b'mappings' in data or b'sections' in data or b'\\' in data:
        return False
    if data.count(b'{') + data.count(b'[') >= MAX_DEPTH:
        return False   # the stream parser's depth bound decides that one
    import json

    def no_constant(name: str) -> None:
        raise ValueError(name)   # NaN, Infinity: yajl refuses them

    try:
        json.loads(data.decode('utf-8'), parse_constant=no_constant)
    except (ValueError, RecursionError):
        return False
    return True


def _parse(stream: IO[bytes], size: int, name: str) -> SourceMapInfo | None:
    """One pass over ijson's basic events with a stack of what each value belongs
    to (no prefix strings: they grow with the depth, and the depth is bounded)."""
    head = _sniff(stream)
    if head is None:
        return None
    rest = stream.read(_PLAIN_JSON_LIMIT)
    head += rest
    if len(rest) < _PLAIN_JSON_LIMIT and _plain_json(head):
        return None
    import ijson  # type: ignore[import-untyped]

    records: list[_MapRecord] = []
    # [kind, record, current key] per open container
    stack: list[list[object]] = []
    version_ok = False   # the last top-level "version" read is 3 (node: the last key wins)
    has_mappings = False
    try:
        for event, value in ijson.basic_parse(
                _LongStrings(_Prefixed(head, stream)), buf_size=READ_SIZE,
        ):
            if event == 'map_key':
                stack[-1][2] = value
                continue
            if event in ('end_map', 'end_array'):
                stack.pop()
                if not stack:
                    break  # ignore whatever trails the object
                continue
            opens = event in ('start_map', 'start_array')
            if not stack:
                top = _MapRecord()
                records.append(top)
                stack.append([_RECORD, top, None])
                continue
            if len(stack) >= MAX_DEPTH and opens:
                raise _Broken(f'nested deeper than {MAX_DEPTH}')
            kind, rec_, key = stack[-1]
            rec = rec_ if isinstance(rec_, _MapRecord) else None
            pushed: list[object] = [_OTHER, None, None]
            if kind == _RECORD and rec is not None:
                if len(stack) == 1:
                    if key == 'version':
                        # source-map (mozilla) compares with !=, so "3" is a map too
                        version_ok = value in (3, '3') and not isinstance(value, bool)
                    elif key == 'mappings':
                        has_mappings = has_mappings or event == 'string'
                    elif key == 'sections' and event == 'start_array':
                        has_mappings = True
                if event == 'start_array':
                    if key == 'sources':
                        pushed = [_SOURCES, rec, None]
                    elif key == 'sourcesContent':
                        pushed = [_CONTENT, rec, None]
                    elif key == 'sections':
                        pushed = [_SECTIONS, None, None]
            elif kind == _SOURCES and rec is not None:
                if event in _SCALARS:
                    rec.sources.append('' if value is None else str(value))
            elif kind == _CONTENT and rec is not None:
                rec.content.append(event == 'string')
            elif kind == _SECTIONS:
                if event == 'start_map':
                    pushed = [_SECTION, None, None]
            elif kind == _SECTION and key == 'map' and event == 'start_map':
                section = _MapRecord()
                records.append(section)
                pushed = [_RECORD, section, None]
            if opens:
                stack.append(pushed)
    except (ijson.JSONError, _Broken) as e:
        if version_ok or has_mappings:
            why = str(e) if isinstance(e, _Broken) else _yajl_message(e)
            raise BadInput(name, f'broken source map: {why}') from None
        return None
    except UnicodeDecodeError:
        if version_ok or has_mappings:
            raise BadInput(name, 'broken source map: not valid UTF-8') from None
        return None
    except OSError as e:
        raise BadInput(name, f'cannot read: {e.strerror or e}') from None
    if stack and (version_ok or has_mappings):  # pragma: no cover (yajl reports the cut)
        raise BadInput(name, 'broken source map: cut off')
    if not (version_ok and has_mappings):
        return None
    sources: list[str] = []
    embedded: list[str] = []
    for rec in records:
        for i, has_text in enumerate(rec.content):
            if has_text:
                embedded.append(rec.sources[i] if i < len(rec.sources) else '')
        sources.extend(rec.sources)
    return SourceMapInfo(size=size, sources=tuple(sources), embedded=tuple(embedded))


def read_sourcemap_stream(
        stream: IO[bytes], size: int, name: str,
) -> SourceMapInfo | None:
    """Read a source map from an open binary stream (e.g. a tarball member).

    ``size`` is reported as the map's size; ``name`` names the file in errors.
    A stream that fails while being read (a truncated or corrupt tarball)
    raises BadInput.
    """
    try:
        return _parse(stream, size, name)
    except Exception as e:
        if is_stream_error(e):
            raise BadInput(name, f'cannot read: {e}') from None
        raise


def is_stream_error(e: BaseException) -> bool:
    """An error of the stream under a reader: I/O, a truncated gzip, a broken tarball."""
    import zlib

    return (
        isinstance(e, (OSError, EOFError, zlib.error)) or
        type(e).__module__ in ('tarfile', 'gzip')
    )


def read_sourcemap(path: str | os.PathLike[str]) -> SourceMapInfo | None:
    """The source map at ``path``, or None when the file is not a source map."""
    from hooks.reading import open_regular

    name = os.fspath(path)
    try:
        with open_regular(path) as f:
            size = os.fstat(f.fileno()).st_size
            return _parse(f, size, name)
    except OSError as e:
        raise BadInput(name, f'cannot read: {e.strerror or e}') from None


# -- sourceMappingURL comments -------------------------------------------------

# `//# sourceMappingURL=`, `//@ ...` (the old form) and `/*# ... */` (CSS).
_MAGIC = (   # the patterns below are compiled when first used (re's cache)
    rb'(//|/\*)[ \t]{0,8}[#@][ \t]{0,8}sourceMappingURL[ \t]{0,8}=[ \t]{0,8}'
)
# the same, only where a data: URL follows (what inline_maps needs, and all that
# map_comments still looks for once it has named _MAX_EXTERNAL other URLs)
_MAGIC_DATA = _MAGIC + rb'(?=data:)'
_MAX_EXTERNAL = 1000
_KEEP = 64  # bytes kept between reads so a comment split by a read is found
_DATA_HEADER = rb'data:([^,\s\'"`]{0,200}),'
_LOOKAHEAD = 256  # bytes after a comment's `=` needed to judge it
_BASE64_RUN = rb'[A-Za-z0-9+/=_-]*'
_PLAIN_RUN = rb'[^\s\'"`]*'
# the same runs as translation tables (a byte that ends the run becomes '!'),
# for payloads of megabytes: translate and find are ten times sre's speed
@functools.cache
def _stop_table(is_base64: bool) -> bytes:
    if is_base64:
        return bytes(
            c if chr(c).isascii() and (chr(c).isalnum() or chr(c) in '+/=_-') and c != 0x21
            else 0x21 for c in range(256)
        )
    return bytes(0x21 if chr(c) in ' \t\n\r\f\v\'"`!' else c for c in range(256))

Comment = InlineMap | tuple[int, str]


# A payload this long that is not base64 is a broken map; a shorter one is
# text that only looks like a comment (a test string, an example in docs).
_MIN_BROKEN_PAYLOAD = 64


def _decode_inline(payload: bytes, is_base64: bool, line: int) -> InlineMap | None:
    """The map in a data: URL; an error for a broken one; None for no map at all."""
    from typing import cast  # (only here: typing costs start-up)

    if is_base64:
        body = payload.rstrip(b'=').replace(b'-', b'+').replace(b'_', b'/')
        body += b'=' * (-len(body) % 4)
        try:
            import base64

            data = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            if len(payload) < _MIN_BROKEN_PAYLOAD:
                return None
            return InlineMap(line, None, 'inline source map is not valid base64')
    else:
        from urllib.parse import unquote_to_bytes

        data = unquote_to_bytes(payload)
    if data.lstrip(_BOM + _WS)[:1] not in (b'{', b')'):
        return None  # no JSON object: not a map (and no parser set up for each of 400,000)
    from hooks.judge.embedded import Tee

    tee = Tee(io.BytesIO(data))  # the embedded sources scanned as the map is read
    try:
        info = _parse(cast('IO[bytes]', tee), len(data), '<inline>')
    except BadInput as e:
        return InlineMap(line, None, f'inline {e.message}')
    if info is None:
        return None  # decodes to something that is not a map: not one
    return InlineMap(line, info, secrets=tuple(tee.scan.finish()) if info.embedded else ())


INLINE_IN_MEMORY = 8 << 20  # a longer data: payload is decoded and parsed as it is read


class _BadPayload(Exception):
    pass


class _Payload:
    """A data: URL payload read as a stream of its decoded bytes (base64 or %-escapes)."""

    def __init__(self, chunks: Iterator[bytes], is_base64: bool) -> None:
        self.chunks = chunks
        self.is_base64 = is_base64
        self.raw = 0  # payload bytes read so far
        self._pending = b''
        self._out = b''
        self._done = False

    def _more(self) -> bytes:
        for raw in self.chunks:
            self.raw += len(raw)
            data = self._pending + raw
            if self.is_base64:
                data = data.replace(b'-', b'+').replace(b'_', b'/')
                pad = data.find(b'=')
                if pad >= 0:  # padding ends the payload: nothing but '=' may follow
                    if data.rstrip(b'=') != data[:pad]:
                        raise _BadPayload
                    cut = pad - pad % 4
                else:
                    cut = len(data) - len(data) % 4
                self._pending, data = data[cut:], data[:cut]
                return binascii.a2b_base64(data)  # only base64 letters: the run holds no other
            from urllib.parse import unquote_to_bytes

            pct = data.rfind(b'%', max(0, len(data) - 2))
            self._pending, data = (data[pct:], data[:pct]) if pct >= 0 else (b'', data)
            return unquote_to_bytes(data)
        if self._done:
            return b''
        self._done = True
        rest, self._pending = self._pending, b''
        if not self.is_base64:
            from urllib.parse import unquote_to_bytes

            return unquote_to_bytes(rest)
        rest = rest.rstrip(b'=')
        if len(rest) % 4 == 1 or b'=' in rest:
            raise _BadPayload
        import base64

        try:
            return base64.b64decode(rest + b'=' * (-len(rest) % 4), validate=True)
        except (binascii.Error, ValueError):
            raise _BadPayload from None

    def drain(self) -> int:
        """Read the rest of the payload (undecoded); its decoded size."""
        for raw in self.chunks:
            self.raw += len(raw)
        return self.raw * 3 // 4 if self.is_base64 else self.raw

    def read(self, size: int = -1) -> bytes:
        while not self._out or (size < 0 and not self._done):
            more = self._more()
            if not more and self._done:
                break
            self._out += more
        if size < 0:
            out, self._out = self._out, b''
        else:
            out, self._out = self._out[:size], self._out[size:]
        return out


def _parse_payload(reader: _Payload, line: int) -> InlineMap | None:
    """A long data: payload parsed as it is decoded (never held whole)."""
    from typing import cast  # (only here: typing costs start-up)

    from hooks.judge.embedded import Tee

    tee = Tee(cast('IO[bytes]', reader))  # the embedded sources scanned as the map is read
    try:
        info = _parse(cast('IO[bytes]', tee), 0, '<inline>')
    except _BadPayload:
        reader.drain()
        return InlineMap(line, None, 'inline source map is not valid base64')
    except BadInput as e:
        reader.drain()
        return InlineMap(line, None, f'inline {e.message}')
    size = reader.drain()
    if info is None:
        return None
    secrets = tuple(tee.scan.finish()) if info.embedded else ()
    return InlineMap(line, SourceMapInfo(size, info.sources, info.embedded), secrets=secrets)


def map_comments(stream: IO[bytes]) -> Iterator[Comment]:
    """Every sourceMappingURL comment in a JS/CSS stream, in order, one pass.

    Yields :class:`InlineMap` for ``data:`` URLs and ``(line, url)`` for the
    others (the first 1,000 of them; past those only ``data:`` URLs are looked
    for). The whole file is scanned, not only its last bytes; a payload is
    read as far as it goes, across reads.

    Only a comment whose payload decodes to a source map counts. Text that
    only looks like one is skipped: a ``data:`` URL with no payload
    (``"//# sourceMappingURL=data:...;base64," + b64`` in a bundler's code),
    one that decodes to something else, a short one that is not base64, a
    URL that runs into a quote. What remains with ``info=None`` is a broken
    map, with ``error`` saying how: not base64 (a payload of 64+ characters)
    or a JSON map that breaks after ``"version": 3``.
    """
    return _comments(stream, external=True)


def _comments(stream: IO[bytes], *, external: bool) -> Iterator[Comment]:
    magic = _pattern(_MAGIC if external else _MAGIC_DATA)
    named = 0  # external URLs yielded
    buf = bytearray()
    line = 1          # line number at buf[counted]
    counted = 0
    start = 0         # next search position in buf
    eof = False

    def fill() -> None:
        nonlocal eof
        data = stream.read(READ_SIZE)
        if data:
            buf.extend(data)
        else:
            eof = True

    def line_at(pos: int) -> int:
        nonlocal line, counted
        line += buf.count(b'\n', counted, pos)
        counted = pos
        return line

    def drop(cut: int) -> None:
        nonlocal counted, start
        line_at(cut)
        del buf[:cut]
        counted = 0
        start -= cut

    run_end = 0

    def run_chunks(pos: int) -> Iterator[bytes]:
        """The payload run from ``buf[pos:]`` on, in pieces, as it is read; ``run_end``
        is where it ends in ``buf`` once exhausted (consumed pieces are dropped)."""
        nonlocal run_end
        stop = _stop_table(is_base64)
        while True:
            end = bytes(buf[pos:]).translate(stop).find(b'!')
            end = len(buf) if end < 0 else pos + end
            yield bytes(buf[pos:end])
            if end < len(buf) or eof:
                run_end = end
                return
            drop(end)
            pos = 0
            fill()

    fill()
    while True:
        m = magic.search(buf, start)
        if m is None:
            if eof:
                return
            start = max(start, len(buf) - _KEEP)
            if len(buf) > 2 * READ_SIZE:
                drop(start)  # big files: keep memory flat (small ones are never counted)
            fill()
            continue
        if not eof and m.end() + _LOOKAHEAD > len(buf):
            start = m.start()  # judge it once enough of what follows is read
            fill()
            continue
        at = m.end()
        is_block = m.group(1) == b'/*'
        header = _pattern(_DATA_HEADER).match(buf, at)
        if header is not None:
            is_base64 = header.group(1).lower().endswith(b';base64')
            run = _pattern(_BASE64_RUN if is_base64 else _PLAIN_RUN)
            body_at = end = header.end()
            streamed: InlineMap | None = None
            while True:
                body = run.match(buf, end)
                assert body is not None  # the runs match the empty string
                end = body.end()
                if end < len(buf) or eof:
                    break
                if end - body_at > INLINE_IN_MEMORY:
                    # a payload of megabytes: decoded and parsed as it is read
                    at_line = line_at(m.start())
                    drop(body_at)
                    streamed = _parse_payload(_Payload(run_chunks(0), is_base64), at_line)
                    end = run_end
                    break
                fill()
            if streamed is not None:
                yield streamed
            elif end - body_at <= INLINE_IN_MEMORY:
                payload = bytes(buf[body_at:end])
                if is_block and b'*/' in payload:
                    payload = payload[:payload.index(b'*/')]
                found = _decode_inline(payload, is_base64, line_at(m.start())) if payload else None
                if found is not None:
                    yield found
            start = end
        elif buf.startswith(b'data:', at) or not external:
            start = at  # a data: URL with a malformed header is not a map
        else:
            url_m = _pattern(_PLAIN_RUN).match(buf, at)
            assert url_m is not None
            url = bytes(url_m.group())
            end = url_m.end()
            if is_block and b'*/' in url:
                end = at + url.index(b'*/')
                url = url[:url.index(b'*/')]
            if url and bytes(buf[end:end + 1]) not in (b'"', b"'", b'`'):
                yield (line_at(m.start()), url.decode('utf-8', 'replace'))
                named += 1
                if named >= _MAX_EXTERNAL:  # a line of 400,000 comments: the rest at C speed
                    magic = _pattern(_MAGIC_DATA)
            start = max(end, at)
        if start > 2 * READ_SIZE:
            drop(start)


def inline_maps(stream: IO[bytes]) -> Iterator[InlineMap]:
    """Every inline ``data:`` sourceMappingURL comment in a JS/CSS stream."""
    for c in _comments(stream, external=False):
        if isinstance(c, InlineMap):
            yield c


def external_map_refs(stream: IO[bytes]) -> list[tuple[int, str]]:
    """``(line, url)`` of each sourceMappingURL comment that is not a data: URL."""
    return [c for c in map_comments(stream) if not isinstance(c, InlineMap)]
