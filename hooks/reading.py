"""Reading input safely: regular files only, bounded reads, bounded JSON.

Every file packguard reads whole (package.json, lerna.json, the baseline,
tsconfig and other JSON configs, ignore files, env files) goes through here:

- only regular files are read: a FIFO would block forever, ``/dev/zero``
  never ends, a socket cannot be read; each is refused by name
  (:class:`NotRegularFile`, an ``OSError`` so existing ``cannot read``
  handlers print it). The file is opened with ``O_NONBLOCK`` and checked
  with ``fstat`` on the open descriptor, so a FIFO swapped in after a
  ``stat`` cannot block the open either;
- a file read whole is read up to :data:`MAX_WHOLE` bytes; a larger one is
  :class:`TooLarge` ("too large to judge (N MB > 16 MB limit)");
- JSON nested deeper than :data:`MAX_JSON_DEPTH` is reported as bad input
  (``path:line:col: nested deeper than 512``), never a RecursionError.

The README's "Limits" section lists these numbers.
"""
from __future__ import annotations

import errno
import functools
import json
import os
import re
import stat

from hooks.findings import BadInput

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO
    from typing import Any

MAX_WHOLE = 16_000_000         # the largest file read whole (manifests, configs, ignore files)
MAX_JSON_DEPTH = 512           # deeper JSON is bad input (npm's own files nest < 10)
MAX_FOLDER_DEPTH = 100         # folders deeper are not walked (the walk recurses per folder)


def human_size(n: int) -> str:
    """Decimal units with one decimal, as npm prints sizes: ``59.8 MB``."""
    if n < 1000:
        return f'{n} B'
    for unit, scale in (('kB', 1e3), ('MB', 1e6), ('GB', 1e9)):
        if n < scale * 999.95:
            return f'{n / scale:.1f} {unit}'
    return f'{n / 1e12:.1f} TB'


def kind_of(mode: int) -> str:
    """What a non-regular file is, for a message: ``a FIFO (named pipe)``."""
    if stat.S_ISDIR(mode):
        return 'a folder'
    if stat.S_ISFIFO(mode):
        return 'a FIFO (named pipe)'
    if stat.S_ISCHR(mode):
        return 'a character device'
    if stat.S_ISBLK(mode):
        return 'a block device'
    if stat.S_ISSOCK(mode):
        return 'a socket'
    return 'not a regular file'


class NotRegularFile(OSError):
    """A FIFO, device or socket where a file was expected (never read: it may never end)."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(errno.EINVAL, f'is {kind}, not a regular file; not read', path)


class TooLarge(OSError):
    """A file larger than what packguard reads whole."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        super().__init__(
            errno.EFBIG,
            f'too large to judge ({human_size(size)} > {human_size(limit)} limit)', path,
        )
        self.size = size
        self.limit = limit


_OPEN_FLAGS = (os.O_RDONLY | getattr(os, 'O_NONBLOCK', 0) | getattr(os, 'O_NOCTTY', 0) |
               getattr(os, 'O_CLOEXEC', 0))


def _regular_fd(path: str | bytes | os.PathLike[str]) -> tuple[int, int]:
    """An open descriptor of a regular file and its size; opened without
    blocking, so a FIFO, device or socket is refused before any read."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, 'Is a directory', os.fsdecode(path))
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(os.fsdecode(path), kind_of(st.st_mode))
    except BaseException:
        os.close(fd)
        raise
    return fd, st.st_size


def open_regular(path: str | bytes | os.PathLike[str]) -> IO[bytes]:
    """``open(path, 'rb')`` for regular files only (symlinks followed to their target).

    A folder raises IsADirectoryError as ``open`` does; a FIFO, device or
    socket raises :class:`NotRegularFile` without blocking on it.
    """
    fd, _ = _regular_fd(path)
    try:
        if hasattr(os, 'set_blocking'):
            os.set_blocking(fd, True)
        return os.fdopen(fd, 'rb')
    except BaseException:
        os.close(fd)
        raise


def open_small(path: str | os.PathLike[str], whole: int = 1 << 20) -> IO[bytes]:
    """:func:`open_regular`, with a file of at most ``whole`` bytes read at once
    into memory (a run judges thousands of small files; a file object each is
    most of what reading one costs)."""
    import io

    fd, size = _regular_fd(path)
    if size > whole:
        os.close(fd)
        return open_regular(path)
    try:
        data = os.read(fd, size + 1)
        if len(data) > size:   # grew since: read it as a stream
            os.close(fd)
            fd = -1
            return open_regular(path)
        while len(data) < size:   # a short read: the rest, if it is there
            more = os.read(fd, size - len(data))
            if not more:
                break
            data += more
    finally:
        if fd >= 0:
            os.close(fd)
    return io.BytesIO(data)


# The small files read whole during one run (hooks.publish.packer.one_run sets
# it, and drops it after): a monorepo's package.json files are read by the
# package search, the packer choice and the packer's model, each from disk once.
RUN_FILE_MAX = 1 << 20      # a larger file is read again when asked again
RUN_FILES_MAX = 64 << 20    # and past this many bytes kept, nothing more is kept


class RunFiles:
    """What one run has read whole, by absolute path, within RUN_FILES_MAX."""
    __slots__ = ('files', 'kept')

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.kept = 0

    def read(self, path: str | os.PathLike[str], limit: int) -> bytes:
        key = os.path.abspath(path)
        data = self.files.get(key)
        if data is None:
            data = _read_bounded(path, limit)
            if len(data) <= RUN_FILE_MAX and self.kept + len(data) <= RUN_FILES_MAX:
                self.files[key] = data
                self.kept += len(data)
        elif len(data) > limit:
            raise TooLarge(os.fspath(path), len(data), limit)
        return data


RUN_FILES: RunFiles | None = None


def read_bounded(path: str | os.PathLike[str], limit: int = MAX_WHOLE) -> bytes:
    """A regular file's bytes, read whole; :class:`TooLarge` past ``limit``.

    Plain descriptor reads (no file object: a monorepo run reads thousands of
    small manifests and ignore files); O_NONBLOCK does nothing to a regular file."""
    if RUN_FILES is not None:
        return RUN_FILES.read(path, limit)
    return _read_bounded(path, limit)


def _read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    fd, size = _regular_fd(path)
    try:
        if size > limit:
            raise TooLarge(os.fspath(path), size, limit)
        chunks = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(max(size + 1 - got, 1 << 16), limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    finally:
        os.close(fd)
    if got > limit:  # grew while read
        raise TooLarge(os.fspath(path), got, limit)
    return chunks[0] if len(chunks) == 1 else b''.join(chunks)


def read_text(path: str | os.PathLike[str], limit: int = MAX_WHOLE) -> str:
    """A regular file as text (UTF-8, bad bytes replaced), bounded."""
    return read_bounded(path, limit).decode('utf-8', 'replace')


def stream_bounded(stream: IO[bytes], shown: str, size: int, limit: int = MAX_WHOLE) -> bytes:
    """All of an open stream (a tarball member) of announced ``size``, bounded."""
    if size > limit:
        raise BadInput(shown, TooLarge(shown, size, limit).strerror or 'too large')
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise BadInput(shown, TooLarge(shown, len(data), limit).strerror or 'too large')
    return data


# -- JSON ------------------------------------------------------------------------------

_STRING_OR_BRACKET = r'"(?:[^"\\]|\\.)*"?|[\[\]{}]'   # (compiled for a deep text only)


def json_too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> tuple[int, int] | None:
    """``(line, col)`` where ``text`` first nests deeper than ``limit``; None if it never does.

    Linear: strings are skipped whole by one regex, and texts with fewer
    brackets than the limit are passed at C speed.
    """
    if text.count('[') + text.count('{') <= limit:
        return None
    depth = 0
    for m in re.finditer(_STRING_OR_BRACKET, text, re.DOTALL):
        c = text[m.start()]
        if c in '[{':
            depth += 1
            if depth > limit:
                at = m.start()
                line = text.count('\n', 0, at) + 1
                return line, at - (text.rfind('\n', 0, at) + 1) + 1
        elif c in ']}':
            depth -= 1
    return None


def check_depth(text: str, shown: str, limit: int = MAX_JSON_DEPTH) -> None:
    """Raise BadInput when ``text`` (JSON, JSON5 or JSONC) nests deeper than ``limit``."""
    where = json_too_deep(text, limit)
    if where is not None:
        raise BadInput(shown, f'nested deeper than {limit}; not read', *where)


def loads(text: str, shown: str, **kw: Any) -> Any:
    """``json.loads`` with the depth limit first (and a RecursionError as bad input)."""
    check_depth(text, shown)
    try:
        if not kw or text.startswith('\ufeff'):   # (json.loads says what a BOM is)
            return json.loads(text, **kw)
        return _decoder(tuple(sorted(kw.items()))).decode(text)   # (one decoder per options)
    except RecursionError:  # pragma: no cover (the depth check comes first)
        raise BadInput(shown, f'nested deeper than {MAX_JSON_DEPTH}; not read') from None
    except json.JSONDecodeError:
        raise
    except ValueError as e:
        if 'digits' in str(e):  # Python refuses int('9' * 5000)
            raise BadInput(shown, 'a number of more than 4,300 digits; not read') from None
        raise


@functools.lru_cache(maxsize=8)
def _decoder(options: tuple[tuple[str, Any], ...]) -> json.JSONDecoder:
    """A JSON decoder with ``options``, made once: json.loads with options makes a
    new one, scanner and all, for every document (a monorepo reads hundreds)."""
    return json.JSONDecoder(**dict(options))


def finite_number(value: object) -> bool:
    """A JSON number packguard can compute with (not bool, not inf/nan, not 5,000 digits)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value.bit_length() <= 64
    if isinstance(value, float):
        import math

        return math.isfinite(value)
    return False


# -- text in UTF-16 ---------------------------------------------------------------------------

class _Transcoded:
    """A UTF-16 stream read as UTF-8 (line breaks kept, so line numbers hold)."""

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        import codecs

        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(encoding)('replace')
        self._done = False

    def read(self, size: int = -1) -> bytes:
        if self._done:
            return b''
        data = self._stream.read(size if size > 0 else 1 << 20)
        if not data:
            self._done = True
        text = self._decoder.decode(data, final=not data)
        if not text and not self._done:
            return self.read(size)
        return text.encode('utf-8', 'surrogatepass')


def utf16_encoding(head: bytes) -> str | None:
    """``'utf-16'`` (with a byte order mark), ``'utf-16-le'``/``'-be'`` (ASCII text
    with a NUL after or before every byte), or None for anything else."""
    if head[:2] in (b'\xff\xfe', b'\xfe\xff'):
        return 'utf-16'
    sample = head[:512]
    if len(sample) >= 8 and len(sample) % 2 == 0:
        if not sample[1::2].strip(b'\0') and sample[0::2].strip(b'\0'):
            return 'utf-16-le'
        if not sample[0::2].strip(b'\0') and sample[1::2].strip(b'\0'):
            return 'utf-16-be'
    return None


def as_utf8(stream: IO[bytes], head: bytes) -> IO[bytes] | None:
    """``stream`` (at its start) read as UTF-8 when ``head`` shows UTF-16; else None."""
    from typing import cast

    encoding = utf16_encoding(head)
    return None if encoding is None else cast('IO[bytes]', _Transcoded(stream, encoding))


def special_files(folder: str) -> list[tuple[str, str]]:
    """``(name, what it is)`` of the FIFOs, devices and sockets directly in
    ``folder`` (symlinks followed): where a config, manifest or env file is
    looked up by name, one of these is said, never silently passed over."""
    out: list[tuple[str, str]] = []
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError:
        return out
    for e in entries:
        try:
            mode = e.stat().st_mode
        except OSError:
            continue  # a dangling symlink: nothing to read
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            out.append((e.name, kind_of(mode)))
    return sorted(out)


# A binary (a NUL in its first 8,000 bytes) is searched for the ASCII shapes of
# tokens and keys in its first this many bytes; the rest is said to be unsearched.
BINARY_SCAN = 16_000_000


class Limited:
    """The first ``limit`` bytes of a stream."""

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self._stream = stream
        self._left = limit

    def read(self, size: int = -1) -> bytes:
        if self._left <= 0:
            return b''
        n = self._left if size < 0 else min(size, self._left)
        data = self._stream.read(n)
        self._left -= len(data)
        return data
