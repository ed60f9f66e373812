"""Reading each published file once, streamed: what it is (map, binary, text) and what it holds."""
from __future__ import annotations

import io
import os
from collections.abc import Iterator
from collections.abc import Sequence

from hooks.findings import BadInput
from hooks.judge.rules import BINARY_SNIFF
from hooks.judge.rules import IN_MEMORY
from hooks.publish.npm import PackedFile

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO
    from typing import Any


class Inspected:
    """What one published file is, from one streamed read."""
    __slots__ = ('binary', 'embedded', 'file', 'inline', 'refs', 'secrets', 'sourcemap',
                 'spooled', 'unscanned')

    def __init__(self, file: PackedFile, *, binary: bool = False, sourcemap: Any = None,
                 secrets: list[Any] | None = None, unscanned: int = 0,
                 spooled: str | None = None) -> None:
        self.file = file
        self.binary = binary
        self.sourcemap: Any = sourcemap   # hooks.judge.sourcemap.SourceMapInfo | None
        self.inline: list[Any] = []       # [InlineMap] that are maps
        self.refs: list[tuple[int, str]] = []
        self.secrets: list[Any] = secrets if secrets is not None else []   # [SecretHit]
        self.unscanned = unscanned        # bytes of a large binary not searched for tokens
        self.embedded: list[Any] = []     # [EmbeddedHit] of a file map
        self.spooled = spooled   # a temporary copy of a large map, to scan in a worker

    @property
    def kind(self) -> str:
        if self.sourcemap is not None:
            return 'source map'
        return 'binary' if self.binary else 'text'


def inspect(stream: IO[bytes], file: PackedFile, shown: str) -> Inspected:
    """Judge-ready facts about one file; ``stream`` must be seekable."""
    from hooks.judge.secrets import scan_secrets
    from hooks.judge.sourcemap import InlineMap
    from hooks.judge.sourcemap import is_script_or_style
    from hooks.judge.sourcemap import map_comments
    from hooks.judge.sourcemap import read_sourcemap_stream

    out = Inspected(file)
    head = stream.read(BINARY_SNIFF)
    out.binary = b'\0' in head
    stream.seek(0)
    if out.binary:
        # a NUL does not hide a token: UTF-16 text is read as text, other
        # binaries are searched for the ASCII shapes of tokens and keys
        from hooks.reading import BINARY_SCAN
        from hooks.reading import Limited
        from hooks.reading import as_utf8

        text = as_utf8(stream, head)
        if text is None:  # bounded: a 1 GB blob costs no 10 s; the rest is said unsearched
            limited: IO[bytes] = Limited(stream, BINARY_SCAN)  # type: ignore[assignment]
            text = limited
            out.unscanned = max(0, file.size - BINARY_SCAN)
        out.secrets = scan_secrets(text, file.path)
        return out
    out.sourcemap = read_sourcemap_stream(stream, file.size, shown)
    if out.sourcemap is not None:
        if out.sourcemap.embedded:
            from hooks.judge.embedded import scan_embedded

            stream.seek(0)
            out.embedded = scan_embedded(stream)
        return out
    if file.path.lower().endswith('.map') and _json_not_object(head):
        raise BadInput(
            shown, 'is JSON but not an object, so a broken source map (a map is '
            '{"version": 3, ...}); fix the build or leave it out of the package',
        )
    # a file read whole with no "sourceMappingURL" in it holds no comment to read
    whole = stream.getvalue() if isinstance(stream, io.BytesIO) else None
    if (whole is None or b'sourceMappingURL' in whole) and is_script_or_style(file.path):
        stream.seek(0)
        urls: set[str] = set()
        for c in map_comments(stream):
            if isinstance(c, InlineMap):
                if c.error is not None:
                    raise BadInput(shown, c.error, c.line)
                out.inline.append(c)
            elif c[1] not in urls and len(urls) < MAX_REFS:  # each URL once: a 10 MB line
                urls.add(c[1])                                # of comments is not 400,000 notes
                out.refs.append(c)
    stream.seek(0)
    out.secrets = scan_secrets(stream, file.path)
    return out


def _json_not_object(head: bytes) -> bool:
    """A .map file that starts as a JSON array or string (a map must be an object)."""
    text = head.lstrip(b'\xef\xbb\xbf \t\r\n')
    return text[:1] in (b'[', b'"')


def inspect_path(full: str, f: PackedFile, shown: str) -> Inspected | BadInput:
    from hooks.reading import open_small

    try:
        with open_small(full) as stream:
            return inspect(stream, f, shown)
    except OSError as e:
        return BadInput(shown, f'cannot read: {e.strerror or e}')
    except BadInput as e:
        return e


def inspect_bytes(data: bytes, f: PackedFile, shown: str) -> Inspected | BadInput:
    try:
        return inspect(io.BytesIO(data), f, shown)
    except BadInput as e:
        return e


MAX_REFS = 100  # distinct sourceMappingURL references kept per file

# Files at least this large are judged in a worker process (a fork, where
# the platform has it) while the main process goes on with the others: the
# 13 MB bundle and the 60 MB map of 2.1.88 then take one core each.
PARALLEL_MIN_SIZE = 1 << 20


class Workers:
    """A lazily forked process pool for the large files; serial where fork is missing.

    At most ``max_workers`` jobs are in flight, so a tarball of many large
    files never holds more than two of them in memory at once.
    """

    def __init__(self) -> None:
        self._pool: Any = None
        self._in_flight: list[Any] = []
        self.max_workers = min(2, os.cpu_count() or 1)
        self._enabled: bool | None = None   # known on the first large file

    @property
    def enabled(self) -> bool:
        if self._enabled is None:
            # multiprocessing costs tens of milliseconds to import: only when needed
            import multiprocessing

            self._enabled = self.max_workers > 1 and (
                'fork' in multiprocessing.get_all_start_methods())
        return self._enabled

    def submit(self, fn: Any, *args: Any) -> Any:
        if not self.enabled:
            return Done(fn(*args))
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(
                max_workers=self.max_workers,
                mp_context=multiprocessing.get_context('fork'),
            )
        self._in_flight = [f for f in self._in_flight if not f.done()]
        if len(self._in_flight) >= self.max_workers:
            from concurrent.futures import FIRST_COMPLETED
            from concurrent.futures import wait

            wait(self._in_flight, return_when=FIRST_COMPLETED)
        future = self._pool.submit(fn, *args)
        self._in_flight.append(future)
        return future

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


class Done:
    """A result already at hand, shaped like a worker's pending one."""
    __slots__ = ('value',)

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


def inspect_folder(publish_dir: str, files: Sequence[PackedFile], prefix: str) -> Iterator[
        Inspected | BadInput]:
    """Every file of a package folder inspected, in publish-list order."""
    workers = Workers()
    try:
        pending: list[Any] = []
        from hooks.publish.packer import source_path

        for f in files:
            args = (source_path(publish_dir, f.path), f, prefix + f.path)
            if f.size >= PARALLEL_MIN_SIZE:
                pending.append(workers.submit(inspect_path, *args))
            else:
                pending.append(Done(inspect_path(*args)))
        for p in pending:
            yield p.result()
    finally:
        workers.close()


def seekable_copy(stream: IO[bytes], size: int) -> IO[bytes]:
    if size <= IN_MEMORY:
        return io.BytesIO(stream.read())
    import shutil
    import tempfile

    tmp = tempfile.TemporaryFile()  # noqa: SIM115 (the caller closes it)
    shutil.copyfileobj(stream, tmp, 1 << 20)
    tmp.seek(0)
    return tmp


# -- the package being judged ----------------------------------------------------
