"""``check-npm-publish`` / ``packguard check``: judge every file a package would publish.

For each publishable package (hooks.packages: the root, its workspaces, never
private ones) the publish list comes from hooks.packlist (npm 11's rules, no
``npm pack``, no scripts run), or from an already packed tarball with
``--tarball``. Every file in it is read once, streamed, and judged:

1. source maps, recognised by content whatever their name (hooks.sourcemap),
   with their size, sources, embedded sources and how many of those the
   package does not otherwise publish: an error, or a warning when the
   package is open source (OSI license and a repository); a map without
   embedded sources is a warning;
2. inline ``data:`` source maps in published JS/CSS, judged the same; a
   ``sourceMappingURL`` naming a map that is not published is a note;
3. env files, credential files, private keys and tokens (hooks.secrets):
   errors, warnings under test or fixture folders and for a secret in the text
   of prose documentation (Markdown, reST, AsciiDoc); a secret's value is never
   printed;
4. size: ``--max-file-size``, ``--max-unpacked-size``, and the committed
   ``.packguard-baseline.json`` (hooks.baseline): growth past ``--max-growth``
   and a first file of a new kind (a first source map, a first binary);
5. the ``files`` / ``.npmignore`` policy;
6. files that ``.gitignore`` keeps out but that ship because a ``.npmignore``
   in the same folder replaces it.

The package.json ``"packguard"`` key carries the same settings as the
options (``allow``, ``maxFileSize``, ``maxUnpackedSize``, ``maxGrowth``).
"""
from __future__ import annotations

import argparse
import io
import os
import posixpath
import re
import shutil
import tempfile
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from typing import IO
from typing import Any
from typing import cast

from hooks.findings import BadInput
from hooks.findings import Finding
from hooks.findings import Severity
from hooks.findings import add_output_options
from hooks.findings import report_for
from hooks.packlist import PackedFile

BASELINE_NAME = '.packguard-baseline.json'
DEFAULT_MAX_GROWTH = 0.25

RULE_MAP = 'sourcemap-file'
RULE_INLINE = 'sourcemap-inline'
RULE_MAP_REF = 'sourcemap-unpublished-reference'
RULE_ENV = 'env-file'
RULE_CREDENTIAL = 'credential-file'
RULE_SECRET = 'secret'
RULE_FILE_SIZE = 'max-file-size'
RULE_UNPACKED_SIZE = 'max-unpacked-size'
RULE_GROWTH = 'size-growth'
RULE_NEW_KIND = 'new-file-kind'
RULE_NO_WHITELIST = 'no-files-whitelist'
RULE_FILES_UNMATCHED = 'files-entry-unmatched'
RULE_FILES_BROAD = 'files-entry-too-broad'
RULE_SHADOWED = 'npmignore-shadows-gitignore'
RULE_NPMIGNORE_UNUSED = 'npmignore-unused'
RULE_SKIPPED = 'package-skipped'

# Folders whose risky files are fixtures, not live secrets: findings there
# are warnings. Compared with each folder name of a path, lowercased.
TEST_FOLDERS = frozenset((
    'test', 'tests', '__tests__', 'testing', 'spec', 'specs', '__specs__',
    'fixture', 'fixtures', '__fixtures__', 'test-fixtures', 'testdata', 'test-data',
    '__mocks__', 'mocks',
))

# "files" entries as broad as the package itself.
BROAD_FILES_ENTRIES = frozenset(('*', '**', '**/*', '.', './', '/', '/*', '/**', './*', './**'))

# Names of build output folders: a "files" entry naming one that does not
# exist yet is a build not run, not a typo.
BUILD_OUTPUT_NAMES = frozenset((
    'dist', 'build', 'lib', 'out', 'output', 'es', 'esm', 'cjs', 'umd', 'amd',
    'module', 'modules', 'types', 'typings', 'dts', 'bundle', 'bundles', 'release',
    'compiled', 'target', 'bin', 'public', 'www', 'min', 'prebuilds',
))

# Files at most this large are read into memory to be judged; larger
# tarball members are spooled to a temporary file (every judge needs to
# rewind once).
_IN_MEMORY = 16 * 1024 * 1024
# git's rule for binary files: a NUL byte in the first 8000 bytes.
_BINARY_SNIFF = 8000

_UNITS = {
    '': 1, 'b': 1,
    'k': 1000, 'kb': 1000, 'm': 1000 ** 2, 'mb': 1000 ** 2, 'g': 1000 ** 3, 'gb': 1000 ** 3,
    'kib': 1024, 'mib': 1024 ** 2, 'gib': 1024 ** 3,
}


def parse_size(text: str | float) -> int:
    """``20 MB``, ``500kB``, ``1.5 MiB`` or a byte count -> bytes (decimal units, as npm prints)."""
    if isinstance(text, bool):
        raise ValueError(f'not a size: {text!r}')  # noqa: TRY004 (callers catch ValueError)
    if isinstance(text, (int, float)):
        if text < 0:
            raise ValueError(f'not a size: {text!r}')
        return int(text)
    m = re.fullmatch(r'\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)\s*', text)
    if not m or m.group(2).lower() not in _UNITS:
        raise ValueError(f'not a size: {text!r} (try "20 MB")')
    return int(float(m.group(1)) * _UNITS[m.group(2).lower()])


def parse_growth(text: str | float) -> float:
    """``25%`` or ``25`` -> 0.25."""
    if isinstance(text, bool):
        raise ValueError(f'not a percentage: {text!r}')  # noqa: TRY004 (callers catch ValueError)
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        m = re.fullmatch(r'\s*([0-9]+(?:\.[0-9]+)?)\s*%?\s*', text)
        if not m:
            raise ValueError(f'not a percentage: {text!r} (try "25%")')
        value = float(m.group(1))
    if value < 0:
        raise ValueError(f'not a percentage: {text!r}')
    return value / 100


def _percent(x: float) -> str:
    return f'{x * 100:,.0f}%'


@dataclass(frozen=True)
class Options:
    allow: tuple[str, ...] = ()
    max_file_size: int | None = None
    max_unpacked_size: int | None = None
    max_growth: float = DEFAULT_MAX_GROWTH
    growth_given: bool = False


def package_options(manifest: dict[str, Any], cli: Options) -> Options:
    """Options with the package.json ``"packguard"`` key merged in.

    ``allow`` lists add up; a size or growth given on the command line wins.
    """
    config = manifest.get('packguard')
    if config is None:
        return cli
    if not isinstance(config, dict):
        raise BadInput('package.json', '"packguard" must be an object')
    allow = config.get('allow', [])
    if isinstance(allow, str):
        allow = [allow]
    if not isinstance(allow, list) or not all(isinstance(a, str) for a in allow):
        raise BadInput('package.json', '"packguard"."allow" must be an array of globs')
    out = replace(cli, allow=cli.allow + tuple(allow))
    try:
        if 'maxFileSize' in config and cli.max_file_size is None:
            out = replace(out, max_file_size=parse_size(config['maxFileSize']))
        if 'maxUnpackedSize' in config and cli.max_unpacked_size is None:
            out = replace(out, max_unpacked_size=parse_size(config['maxUnpackedSize']))
        if 'maxGrowth' in config and not cli.growth_given:
            out = replace(out, max_growth=parse_growth(config['maxGrowth']))
    except ValueError as e:
        raise BadInput('package.json', f'"packguard": {e}') from None
    return out


# -- reading each file once ------------------------------------------------------


@dataclass
class Inspected:
    """What one published file is, from one streamed read."""
    file: PackedFile
    binary: bool = False
    sourcemap: Any = None            # hooks.sourcemap.SourceMapInfo | None
    inline: list[Any] = field(default_factory=list)   # [InlineMap] that are maps
    refs: list[tuple[int, str]] = field(default_factory=list)
    secrets: list[Any] = field(default_factory=list)  # [SecretHit]

    @property
    def kind(self) -> str:
        if self.sourcemap is not None:
            return 'source map'
        return 'binary' if self.binary else 'text'


def inspect(stream: IO[bytes], file: PackedFile, shown: str) -> Inspected:
    """Judge-ready facts about one file; ``stream`` must be seekable."""
    from hooks.secrets import scan_secrets
    from hooks.sourcemap import InlineMap
    from hooks.sourcemap import is_script_or_style
    from hooks.sourcemap import map_comments
    from hooks.sourcemap import read_sourcemap_stream

    out = Inspected(file)
    head = stream.read(_BINARY_SNIFF)
    out.binary = b'\0' in head
    stream.seek(0)
    if out.binary:
        return out
    out.sourcemap = read_sourcemap_stream(stream, file.size, shown)
    if out.sourcemap is not None:
        return out
    if file.path.lower().endswith('.map') and _json_not_object(head):
        raise BadInput(
            shown, 'is JSON but not an object, so a broken source map (a map is '
            '{"version": 3, ...}); fix the build or leave it out of the package',
        )
    if is_script_or_style(file.path):
        stream.seek(0)
        for c in map_comments(stream):
            if isinstance(c, InlineMap):
                if c.error is not None:
                    raise BadInput(shown, c.error, c.line)
                out.inline.append(c)
            else:
                out.refs.append(c)
    stream.seek(0)
    out.secrets = scan_secrets(stream, file.path)
    return out


def _json_not_object(head: bytes) -> bool:
    """A .map file that starts as a JSON array or string (a map must be an object)."""
    text = head.lstrip(b'\xef\xbb\xbf \t\r\n')
    return text[:1] in (b'[', b'"')


def _inspect_path(full: str, f: PackedFile, shown: str) -> Inspected | BadInput:
    try:
        with open(full, 'rb') as stream:
            return inspect(stream, f, shown)
    except OSError as e:
        return BadInput(shown, f'cannot read: {e.strerror or e}')
    except BadInput as e:
        return e


def _inspect_bytes(data: bytes, f: PackedFile, shown: str) -> Inspected | BadInput:
    try:
        return inspect(io.BytesIO(data), f, shown)
    except BadInput as e:
        return e


# Files at least this large are judged in a worker process (a fork, where
# the platform has it) while the main process goes on with the others: the
# 13 MB bundle and the 60 MB map of 2.1.88 then take one core each.
PARALLEL_MIN_SIZE = 1 << 20


class _Workers:
    """A lazily forked process pool for the large files; serial where fork is missing.

    At most ``max_workers`` jobs are in flight, so a tarball of many large
    files never holds more than two of them in memory at once.
    """

    def __init__(self) -> None:
        import multiprocessing

        self._pool: Any = None
        self._in_flight: list[Any] = []
        self.max_workers = min(2, os.cpu_count() or 1)
        self.enabled = self.max_workers > 1 and (
            'fork' in multiprocessing.get_all_start_methods())

    def submit(self, fn: Any, *args: Any) -> Any:
        if not self.enabled:
            return _Done(fn(*args))
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


@dataclass
class _Done:
    value: Any

    def result(self) -> Any:
        return self.value


def inspect_folder(publish_dir: str, files: Sequence[PackedFile], prefix: str) -> Iterator[
        Inspected | BadInput]:
    """Every file of a package folder inspected, in publish-list order."""
    workers = _Workers()
    try:
        pending: list[Any] = []
        for f in files:
            args = (os.path.join(publish_dir, f.path), f, prefix + f.path)
            if f.size >= PARALLEL_MIN_SIZE:
                pending.append(workers.submit(_inspect_path, *args))
            else:
                pending.append(_Done(_inspect_path(*args)))
        for p in pending:
            yield p.result()
    finally:
        workers.close()


def _seekable_copy(stream: IO[bytes], size: int) -> IO[bytes]:
    if size <= _IN_MEMORY:
        return io.BytesIO(stream.read())
    tmp = tempfile.TemporaryFile()  # noqa: SIM115 (the caller closes it)
    shutil.copyfileobj(stream, tmp, 1 << 20)
    tmp.seek(0)
    return tmp


# -- the package being judged ----------------------------------------------------


@dataclass
class Context:
    label: str
    manifest: dict[str, Any]
    prefix: str                  # how this package's paths are shown
    options: Options
    published: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        from hooks.licenses import is_open_source
        from hooks.licenses import manifest_license
        from hooks.licenses import repository_url

        self.license = manifest_license(self.manifest)
        self.repository = repository_url(self.manifest)
        self.open_source = is_open_source(self.manifest) and self.repository is not None
        self.has_files = 'files' in self.manifest and self.manifest['files'] is not None
        self._allow: Any = None
        if self.options.allow:
            import pathspec

            self._allow = pathspec.GitIgnoreSpec.from_lines(self.options.allow)

    def allowed(self, path: str) -> bool:
        return self._allow is not None and bool(self._allow.match_file(path))

    def finding(
            self, path: str, message: str, rule: str, severity: Severity,
            line: int | None = None,
    ) -> Finding:
        return Finding(self.prefix + path, message, rule, severity, line, self.label)


def in_test_folder(path: str) -> bool:
    return any(seg.lower() in TEST_FOLDERS for seg in path.split('/')[:-1])


_SCHEME = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*://')


def _source_path(source: str, map_dir: str) -> str | None:
    """The package path a map's source names, if it could be one."""
    if _SCHEME.match(source):
        scheme, _, rest = source.partition('://')
        if scheme.lower() == 'file':
            return None
        # webpack://<namespace>/./src/x.ts: the namespace, then a path from the project root
        rest = rest.split('/', 1)[1] if '/' in rest else ''
        joined = posixpath.normpath(rest.lstrip('/')) if rest else ''
    elif source.startswith('/'):
        return None
    else:
        joined = posixpath.normpath(posixpath.join(map_dir, source))
    if not joined or joined.startswith('..') or joined == '.':
        return None
    return joined


def _unpublished_embedded(info: Any, map_path: str, published: frozenset[str]) -> int:
    map_dir = posixpath.dirname(map_path)
    n = 0
    for source in info.embedded:
        p = _source_path(source, map_dir)
        if p is None or p not in published:
            n += 1
    return n


def _map_summary(info: Any) -> str:
    from hooks.sourcemap import human_size
    from hooks.sourcemap import plural

    n, k = len(info.sources), len(info.embedded)
    size = human_size(info.size)
    if n == 0:
        return f'no sources ({size})'
    if k >= n:
        return f'{plural(n, "embedded source")} ({size})'
    if k == 0:
        return f'{plural(n, "source")}, none embedded ({size})'
    return f'{plural(n, "source")}, {k:,} embedded ({size})'


_MAP_FIX = (
    'add "!**/*.map" to "files" (or "*.map" to .npmignore) or turn off source maps in the build'
)
_INLINE_FIX = 'turn off inline source maps in the build (devtool / sourcemap: "inline")'


def _judge_map(
        ctx: Context, path: str, info: Any, *, line: int | None, inline: bool,
) -> Finding:
    what = 'inline source map' if inline else 'source map'
    head = f'{what} with {_map_summary(info)} would be published by {ctx.label}'
    fix = _INLINE_FIX if inline else _MAP_FIX
    rule = RULE_INLINE if inline else RULE_MAP
    unpublished = _unpublished_embedded(info, path, ctx.published)
    if unpublished:
        one = unpublished == 1
        why = (f'{unpublished:,} of them {"is" if one else "are"} not otherwise in the '
               f'package, so {"its" if one else "their"} full text leaks')
        if ctx.open_source:
            return ctx.finding(
                path,
                f'{head}; {why}, but it is open source ({ctx.license}) with its sources '
                f'public at {ctx.repository}; {fix}, or --allow it',
                rule, 'warning', line,
            )
        if _osi(ctx):
            reason = 'package.json names no "repository" where they are public'
        elif ctx.repository:
            reason = 'package.json declares no OSI-approved "license"'
        else:
            reason = 'package.json declares neither an OSI-approved "license" nor a "repository"'
        return ctx.finding(path, f'{head}; {why}, and {reason}; {fix}', rule, 'error', line)
    if info.embedded:
        why = 'its embedded sources are in the package anyway, but it reveals source paths'
    else:
        why = 'it still reveals source paths and names'
    return ctx.finding(path, f'{head}; {why}; {fix}', rule, 'warning', line)


def _osi(ctx: Context) -> bool:
    from hooks.licenses import is_open_source

    return is_open_source(ctx.manifest)


def _risky_severity(path: str) -> tuple[Severity, str]:
    if in_test_folder(path):
        return 'warning', ' (in a test folder, so maybe a fixture)'
    return 'error', ''


# Prose documentation: a key or token in its text is nearly always an example
# (a README showing what a generator returns), so it is a warning.
DOC_SUFFIXES = ('.md', '.markdown', '.mdx', '.rst', '.adoc')


def _secret_severity(path: str) -> tuple[Severity, str]:
    if path.lower().endswith(DOC_SUFFIXES) and not in_test_folder(path):
        return 'warning', ' (in documentation, so maybe an example)'
    return _risky_severity(path)


def judge_file(ctx: Context, item: Inspected) -> list[Finding]:
    """Findings for one published file (items 1-3 and the per-file budget)."""
    from hooks import risky
    from hooks.secrets import credential_file_kind
    from hooks.secrets import env_file_kind
    from hooks.sourcemap import human_size

    path = item.file.path
    out: list[Finding] = []
    if ctx.allowed(path):
        return out
    if item.sourcemap is not None:
        out.append(_judge_map(ctx, path, item.sourcemap, line=None, inline=False))
    for m in item.inline:
        out.append(_judge_map(ctx, path, m.info, line=m.line, inline=True))
    for line, url in item.refs:
        if _SCHEME.match(url) or url.startswith('/'):
            continue
        bare = re.split('[?#]', url)[0]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), bare))
        if target not in ctx.published:
            out.append(ctx.finding(
                path,
                f'sourceMappingURL names {url}, which {ctx.label} does not publish; '
                f'nothing leaks, but debuggers will fail to load it; '
                f'drop the comment in production builds (hidden source maps)',
                RULE_MAP_REF, 'note', line,
            ))
    severity, where = _risky_severity(path)
    if env_file_kind(path) == 'env':
        out.append(ctx.finding(
            path,
            f'env file would be published by {ctx.label}{where}; env files hold secrets; '
            f'add ".env*" to .npmignore or list only build output in "files"',
            RULE_ENV, severity,
        ))
    kind = credential_file_kind(path)
    key_hits = [h for h in item.secrets if 'private key' in h.kind]
    if kind is not None and (kind not in risky.CONFIRM_BY_CONTENT or key_hits):
        out.append(ctx.finding(
            path,
            f'{kind} would be published by {ctx.label}{where}; anyone who installs it gets '
            f'the credential; remove it from the package and rotate it',
            RULE_CREDENTIAL, severity,
        ))
    secret_severity, secret_where = _secret_severity(path)
    for hit in item.secrets:
        if kind is not None and hit.kind == 'private key':
            continue  # already said as a credential file
        out.append(ctx.finding(
            path,
            f'{hit.kind} would be published by {ctx.label}{secret_where} (value not shown); '
            f'revoke it, then remove it from the file',
            RULE_SECRET, secret_severity, hit.line,
        ))
    limit = ctx.options.max_file_size
    if limit is not None and item.file.size > limit:
        out.append(ctx.finding(
            path,
            f'{human_size(item.file.size)} file would be published by {ctx.label}, over '
            f'--max-file-size {human_size(limit)}; leave it out of the package '
            f'or raise the budget',
            RULE_FILE_SIZE, 'error',
        ))
    return out


def judge_sizes(ctx: Context, items: Sequence[Inspected], baseline: Any) -> list[Finding]:
    """Item 4: the unpacked budget and the baseline (growth, new kinds of file)."""
    from hooks.sourcemap import human_size

    out: list[Finding] = []
    files = [i for i in items if i.file.path != BASELINE_NAME]
    total = sum(i.file.size for i in files)
    limit = ctx.options.max_unpacked_size
    if limit is not None and total > limit:
        out.append(ctx.finding(
            'package.json',
            f'{ctx.label} would publish {human_size(total)} unpacked, over '
            f'--max-unpacked-size {human_size(limit)}; see what grew with packguard ls',
            RULE_UNPACKED_SIZE, 'error',
        ))
    if baseline is None:
        return out
    growth = ctx.options.max_growth
    before = baseline.unpacked_size
    if total > before * (1 + growth):
        rise = (total - before) / before if before else float('inf')
        rise_s = _percent(rise) if before else 'from nothing'
        out.append(ctx.finding(
            BASELINE_NAME,
            f'{ctx.label} would publish {human_size(total)} unpacked, up {rise_s} from '
            f'{human_size(before)} in the baseline, past --max-growth {_percent(growth)}; '
            f'find what was added (packguard ls), or run packguard baseline if it is meant',
            RULE_GROWTH, 'error',
        ))
    known = set(baseline.kinds.values())
    firsts: dict[str, Inspected] = {}
    for i in files:
        if i.kind in ('source map', 'binary') and i.kind not in known and i.kind not in firsts:
            firsts[i.kind] = i
    for kind, i in firsts.items():
        if ctx.allowed(i.file.path):
            continue
        out.append(ctx.finding(
            i.file.path,
            f'first {kind} in {ctx.label}: the baseline has none, so this is a new kind of '
            f'file to publish; leave it out, or run packguard baseline if it is meant',
            RULE_NEW_KIND, 'error',
        ))
    return out


# -- items 5 and 6: the files / .npmignore policy ---------------------------------


def _key_line(text: str, needle: str) -> int | None:
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    return None


def _gitignored(pkg_dir: str, entry: str) -> bool:
    """Whether a .gitignore of the package or of a folder above it (up to the
    repository root) keeps the literal start of a "files" entry out of git."""
    from hooks.packlist import gitignore_verdict
    from hooks.packlist import parse_lines_numbered

    literal = []
    for part in entry.strip().lstrip('./').split('/'):
        if not part or any(c in part for c in '*?[{!'):
            break
        literal.append(part)
    if not literal:
        return False
    rel = '/'.join(literal)
    here = os.path.abspath(pkg_dir)
    for _ in range(40):
        try:
            with open(os.path.join(here, '.gitignore'), encoding='utf-8', errors='replace') as f:
                rules = parse_lines_numbered(f.read())
        except OSError:
            rules = []
        # the entry as a file, and as a folder (a file inside it)
        if any(gitignore_verdict(rules, r) is not None for r in (rel, rel + '/x')):
            return True
        parent = os.path.dirname(here)
        if os.path.exists(os.path.join(here, '.git')) or parent == here:
            break
        rel = f'{os.path.basename(here)}/{rel}'
        here = parent
    return False


def judge_policy(
        ctx: Context, pkg_dir: str, items: Sequence[Inspected], *, built_folder: bool = False,
) -> list[Finding]:
    """The "files" / .npmignore policy.  ``built_folder``: the package publishes a
    publishConfig.directory, which holds build output only, so needs no whitelist."""
    from hooks.packlist import shadowed_by_npmignore
    from hooks.packlist import unmatched_files_entries

    out: list[Finding] = []
    try:
        with open(os.path.join(pkg_dir, 'package.json'), encoding='utf-8-sig') as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):  # pragma: no cover (read_manifest read it already)
        text = ''
    files = ctx.manifest.get('files')
    npmignore = os.path.isfile(os.path.join(pkg_dir, '.npmignore'))
    files_line = _key_line(text, '"files"')
    if files is None and not npmignore and not built_folder:
        out.append(ctx.finding(
            'package.json',
            f'{ctx.label} has neither "files" nor .npmignore, so it publishes everything '
            f'.gitignore does not exclude; add a "files" whitelist of the build output',
            RULE_NO_WHITELIST, 'warning',
        ))
    if isinstance(files, list):
        for entry in files:
            if entry.strip() in BROAD_FILES_ENTRIES:
                out.append(ctx.finding(
                    'package.json',
                    f'"files" entry "{entry}" is as broad as {ctx.label} itself, so the '
                    f'whitelist keeps nothing out; list the folders to publish instead',
                    RULE_FILES_BROAD, 'warning', _key_line(text, f'"{entry}"') or files_line,
                ))
        for _, entry in unmatched_files_entries(pkg_dir):
            if entry.strip() in BROAD_FILES_ENTRIES:
                continue
            line = _key_line(text, f'"{entry}"') or files_line
            first = entry.strip().lstrip('./').split('/')[0]
            if first.lower() in BUILD_OUTPUT_NAMES or re.match(r'(?i)(dist|build|lib)[-_.]', first):
                out.append(ctx.finding(
                    'package.json',
                    f'"files" entry "{entry}" matches nothing yet in {ctx.label}: a build '
                    f'output folder not built; build before you pack',
                    RULE_FILES_UNMATCHED, 'note', line,
                ))
            elif _gitignored(pkg_dir, entry):
                out.append(ctx.finding(
                    'package.json',
                    f'"files" entry "{entry}" matches nothing yet in {ctx.label}: .gitignore '
                    f'keeps it out of git, so it is build output not built; build before you pack',
                    RULE_FILES_UNMATCHED, 'note', line,
                ))
            else:
                out.append(ctx.finding(
                    'package.json',
                    f'"files" entry "{entry}" matches nothing in {ctx.label}, so npm '
                    f'silently skips it; fix the typo or remove the entry',
                    RULE_FILES_UNMATCHED, 'warning', line,
                ))
        if npmignore:
            out.append(ctx.finding(
                '.npmignore',
                f'{ctx.label} sets "files", so npm ignores this root .npmignore; '
                f'move its rules into "files" as "!pattern" entries, or delete it',
                RULE_NPMIGNORE_UNUSED, 'note',
            ))
    by_path = {i.file.path: i for i in items}
    published = [i.file for i in items]
    entry_folders = _entry_folders(ctx.manifest)
    for s in shadowed_by_npmignore(pkg_dir, published):
        item = by_path.get(s.path)
        risky = item is not None and _is_risky(ctx, item)
        if ctx.allowed(s.path) and not risky:
            continue
        where = f'ignored by {posixpath.normpath(ctx.prefix + s.gitignore)}:{s.line} but ' \
                f'published, because .npmignore replaces .gitignore in this folder'
        build_output = not risky and _build_output(s.path, entry_folders)
        if build_output:
            # the usual reason for an .npmignore: ship the build output git keeps out
            out.append(ctx.finding(
                s.path, f'{where}; it is {build_output}, so it is meant to ship ({ctx.label})',
                RULE_SHADOWED, 'note'))
            continue
        out.append(ctx.finding(
            s.path, f'{where}; copy the rule into .npmignore ({ctx.label})',
            RULE_SHADOWED, 'error' if risky else 'warning',
        ))
    return out


def _entry_folders(manifest: dict[str, Any]) -> dict[str, str]:
    """Folders (with a trailing /) that package.json entry points name, each with
    the field that names it: main, bin, exports, types, ..."""
    out: dict[str, str] = {}

    def add(key: str, value: Any) -> None:
        if isinstance(value, str):
            folder = posixpath.dirname(posixpath.normpath(value.lstrip('./') or '.'))
            if folder and not folder.startswith('..'):
                out.setdefault(folder + '/', key)
        elif isinstance(value, dict):
            for v in value.values():
                add(key, v)
        elif isinstance(value, list):
            for v in value:
                add(key, v)

    for key in ('main', 'module', 'browser', 'types', 'typings', 'bin', 'exports', 'unpkg',
                  'jsdelivr'):
        add(key, manifest.get(key))
    return out


def _build_output(path: str, entry_folders: dict[str, str]) -> str | None:
    """Why a published file that .gitignore keeps out of git is build output, or None."""
    for folder, key in entry_folders.items():
        if path.startswith(folder):
            return f'in {folder}, which package.json "{key}" points into'
    first = path.split('/', 1)[0]
    if '/' in path and first.lower() in BUILD_OUTPUT_NAMES:
        return f'in {first}/, a build output folder'
    return None


def _is_risky(ctx: Context, item: Inspected) -> bool:
    return any(f.severity == 'error' for f in judge_file(replace_allow(ctx), item))


def replace_allow(ctx: Context) -> Context:
    """The context without allow globs (riskiness ignores what the user allowed)."""
    if not ctx.options.allow:
        return ctx
    return Context(ctx.label, ctx.manifest, ctx.prefix, replace(ctx.options, allow=()),
                   ctx.published)


# -- packages and tarballs ---------------------------------------------------------


def _finish(ctx: Context, items: list[Inspected], baseline: Any) -> list[Finding]:
    ctx.published = frozenset(i.file.path for i in items)
    out: list[Finding] = []
    for item in items:
        out.extend(judge_file(ctx, item))
    out.extend(judge_sizes(ctx, items, baseline))
    return out


def check_package(pkg: Any, options: Options) -> tuple[list[Finding], list[BadInput]]:
    """Findings for one hooks.packages.Package folder."""
    from hooks.baseline import read_baseline
    from hooks.packages import display_prefix
    from hooks.packlist import publish_list

    prefix = display_prefix(pkg.publish_dir)
    errors: list[BadInput] = []
    try:
        manifest = pkg.manifest
        if pkg.publish_dir != pkg.dir:
            from hooks.packlist import read_manifest

            manifest = read_manifest(pkg.publish_dir)
        opts = package_options(manifest, options)
        files = publish_list(pkg.publish_dir)
    except BadInput as e:
        return [], [e.under(prefix)]
    label = _label(manifest, pkg.name)
    ctx = Context(label, manifest, prefix, opts)
    baseline = None
    try:
        baseline = read_baseline(pkg.dir)
    except BadInput as e:
        errors.append(e.under(display_prefix(pkg.dir)))
    items: list[Inspected] = []
    for got in inspect_folder(pkg.publish_dir, files, prefix):
        if isinstance(got, BadInput):
            errors.append(got)
        else:
            items.append(got)
    findings = _finish(ctx, items, baseline)
    try:
        findings = judge_policy(ctx, pkg.publish_dir, items,
                                built_folder=pkg.publish_dir != pkg.dir) + findings
    except BadInput as e:
        errors.append(e.under(prefix))
    return findings, errors


def _label(manifest: dict[str, Any], fallback: str) -> str:
    name = manifest.get('name')
    name = name if isinstance(name, str) and name else fallback
    version = manifest.get('version')
    return f'{name}@{version}' if isinstance(version, str) and version else name


class _Chained(io.RawIOBase):
    """``head`` then the rest of ``stream``: a sniffed stream, read on."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self._head:
            n = len(self._head) if size < 0 else min(size, len(self._head))
            out, self._head = self._head[:n], self._head[n:]
            return out
        return self._stream.read(size)


def _large_member(member: Any, shown: str) -> Inspected | None:
    """A large tarball member judged without a copy when its first bytes say
    what it is (binary, or a JSON object that turns out to be a source map);
    None when it needs the full, rewindable read."""
    from hooks.sourcemap import read_sourcemap_stream

    f = member.file
    head = member.stream.read(_BINARY_SNIFF)
    if b'\0' in head:
        return Inspected(f, binary=True)
    if head.lstrip(b'\xef\xbb\xbf \t\r\n)]}\'')[:1] != b'{':
        return None
    chained = cast(IO[bytes], _Chained(head, member.stream))
    info = read_sourcemap_stream(chained, f.size, shown)
    return Inspected(f, sourcemap=info) if info is not None else None


def check_tarball(path: str, options: Options) -> tuple[list[Finding], list[BadInput]]:
    """Findings for an already packed tarball, streamed member by member.

    Files up to 16 MiB are read into memory; a larger one is judged from its
    stream when it is binary or a source map (the 60 MB map of 2.1.88 costs
    one streamed parse), else read again into a temporary file.
    """
    import json

    from hooks.tarball import read_tarball

    shown = path.rstrip('/') + '/'
    errors: list[BadInput] = []
    items: list[Inspected] = []
    again: set[str] = set()
    manifest: dict[str, Any] = {}
    workers = _Workers()
    pending: list[Any] = []
    try:
        for member in read_tarball(path):
            f = member.file
            if f.size > _IN_MEMORY:
                try:
                    large = _large_member(member, shown + f.path)
                except BadInput as e:
                    errors.append(e)
                    continue
                if large is None:
                    again.add(f.path)
                else:
                    pending.append(_Done(large))
                continue
            data = member.stream.read()
            if f.path == 'package.json':
                try:
                    loaded = json.loads(data.decode('utf-8-sig'))
                except (ValueError, UnicodeDecodeError) as e:
                    errors.append(BadInput(f'{shown}package.json', f'invalid JSON: {e}'))
                else:
                    if isinstance(loaded, dict):
                        manifest = loaded
                    else:
                        errors.append(BadInput(f'{shown}package.json', 'must be a JSON object'))
            if f.size >= PARALLEL_MIN_SIZE and b'\0' not in data[:_BINARY_SNIFF]:
                pending.append(workers.submit(_inspect_bytes, data, f, shown + f.path))
            else:
                pending.append(_Done(_inspect_bytes(data, f, shown + f.path)))
        for p in pending:
            got = p.result()
            if isinstance(got, BadInput):
                errors.append(got)
            else:
                items.append(got)
        if again:
            for member in read_tarball(path):
                if member.file.path in again:
                    with _seekable_copy(member.stream, member.file.size) as stream:
                        try:
                            items.append(inspect(stream, member.file, shown + member.file.path))
                        except BadInput as e:
                            errors.append(e)
    except BadInput as e:
        errors.append(e)
        return [], errors
    finally:
        workers.close()
    try:
        opts = package_options(manifest, options)
    except BadInput as e:
        errors.append(e.under(shown))
        opts = options
    ctx = Context(_label(manifest, os.path.basename(path)), manifest, shown, opts)
    return _finish(ctx, items, None), errors


def check(
        paths: Sequence[str] = (),
        *,
        tarballs: Sequence[str] = (),
        options: Options = Options(),
        root: str = '.',
) -> tuple[list[Finding], list[BadInput]]:
    """The worker: findings for the packages (or tarballs) and the bad input met."""
    from hooks.packages import Skipped
    from hooks.packages import display_prefix
    from hooks.packages import find_packages

    findings: list[Finding] = []
    errors: list[BadInput] = []
    for t in tarballs:
        f, e = check_tarball(t, options)
        findings.extend(f)
        errors.extend(e)
    if tarballs and not paths:
        return findings, errors
    packages, errs = find_packages(list(paths) or None, root=root)
    errors.extend(errs)
    for pkg in packages:
        if isinstance(pkg, Skipped):
            findings.append(Finding(
                display_prefix(pkg.dir) + 'package.json',
                f'{pkg.name} not checked: it {pkg.reason}',
                RULE_SKIPPED, 'note', package=pkg.name,
            ))
            continue
        f, e = check_package(pkg, options)
        findings.extend(f)
        errors.extend(e)
    return findings, errors


# -- command line ---------------------------------------------------------------------


def _size_arg(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _growth_arg(text: str) -> float:
    try:
        return parse_growth(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        'paths', nargs='*', metavar='PATH',
        help='package folders (default: every package of the repository: the root and its '
             'workspaces)',
    )
    parser.add_argument(
        '--tarball', action='append', default=[], metavar='FILE.tgz',
        help='judge an already packed tarball instead (streamed; repeatable)',
    )
    parser.add_argument(
        '--allow', action='append', default=[], metavar='GLOB',
        help='gitignore-style pattern of published files that are fine (repeatable)',
    )
    parser.add_argument(
        '--max-file-size', type=_size_arg, metavar='SIZE',
        help='fail on any published file larger than SIZE (e.g. "5 MB")',
    )
    parser.add_argument(
        '--max-unpacked-size', type=_size_arg, metavar='SIZE',
        help='fail when the package unpacks to more than SIZE (e.g. "20 MB")',
    )
    parser.add_argument(
        '--max-growth', type=_growth_arg, metavar='PERCENT',
        help=f'fail when the unpacked size grows past the committed {BASELINE_NAME} by more '
             f'than PERCENT (default: {_percent(DEFAULT_MAX_GROWTH)}%)',
    )
    add_output_options(parser)


def run(args: argparse.Namespace) -> int:
    options = Options(
        allow=tuple(args.allow),
        max_file_size=args.max_file_size,
        max_unpacked_size=args.max_unpacked_size,
        max_growth=DEFAULT_MAX_GROWTH if args.max_growth is None else args.max_growth,
        growth_given=args.max_growth is not None,
    )
    findings, errors = check(args.paths, tarballs=args.tarball, options=options)
    return report_for(args, findings, errors)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog='check-npm-publish',
        description='Judge every file each npm package in the repository would publish.',
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == '__main__':
    raise SystemExit(main())
