"""The rule names, options and package context that the judges share."""
from __future__ import annotations

import re

from hooks.findings import BadInput
from hooks.findings import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
    from typing import NamedTuple

    from hooks.findings import Severity
else:
    from hooks.records import NamedTuple

BASELINE_NAME = '.packguard-baseline.json'
DEFAULT_MAX_GROWTH = 0.25
# The per-file budget when none is set. The largest file in the tarballs of the
# 400 most downloaded packages (bench/top-packages.txt) is 5.8 MB (sass.dart.js),
# and claude-code's bundled cli.js 13 MB; 2.1.88's cli.js.map is 59.8 MB.
DEFAULT_MAX_FILE_SIZE = 25 * 1000 ** 2
# With --against: a file new since the previous release and larger than this is
# one a normal release does not add (above every file of those 400 packages).
NEW_FILE_SIZE = 10 * 1000 ** 2

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
RULE_NEW_LARGE = 'new-large-file'
RULE_AGAINST = 'previous-release'
RULE_NO_WHITELIST = 'no-files-whitelist'
RULE_FILES_UNMATCHED = 'files-entry-unmatched'
RULE_FILES_BROAD = 'files-entry-too-broad'
RULE_SHADOWED = 'npmignore-shadows-gitignore'
RULE_NPMIGNORE_UNUSED = 'npmignore-unused'
RULE_SKIPPED = 'package-skipped'
RULE_PACKER = 'packer'

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
IN_MEMORY = 16 * 1024 * 1024
# git's rule for binary files: a NUL byte in the first 8000 bytes.
BINARY_SNIFF = 8000

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
        if not 0 <= text <= _MAX_SIZE:  # also NaN; 1e400 is inf
            raise ValueError(f'not a size: {str(text)[:20]} (bytes, at most 1 PB)')
        return int(text)
    m = re.fullmatch(r'\s*([0-9]{1,30}(?:\.[0-9]{1,30})?)\s*([A-Za-z]*)\s*', text)
    if not m or m.group(2).lower() not in _UNITS:
        raise ValueError(f'not a size: {text[:40]!r} (try "20 MB")')
    return parse_size(float(m.group(1)) * _UNITS[m.group(2).lower()])


_MAX_SIZE = 10 ** 15


def parse_growth(text: str | float) -> float:
    """``25%`` or ``25`` -> 0.25."""
    if isinstance(text, bool):
        raise ValueError(f'not a percentage: {text!r}')  # noqa: TRY004 (callers catch ValueError)
    if isinstance(text, (int, float)):
        if isinstance(text, int) and text.bit_length() > 64:
            raise ValueError(f'not a percentage: {str(text)[:20]}...')
        value = float(text)
    else:
        m = re.fullmatch(r'\s*([0-9]{1,30}(?:\.[0-9]{1,30})?)\s*%?\s*', text)
        if not m:
            raise ValueError(f'not a percentage: {text!r} (try "25%")')
        value = float(m.group(1))
    if value < 0:
        raise ValueError(f'not a percentage: {text!r}')
    return value / 100


def percent(x: float) -> str:
    return f'{x * 100:,.0f}%'


class Options(NamedTuple):
    allow: tuple[str, ...] = ()
    max_file_size: int | None = None
    max_unpacked_size: int | None = None
    max_growth: float = DEFAULT_MAX_GROWTH
    growth_given: bool = False
    against: str | None = None   # --against: a tarball, name@version or 'published'
    packer: str | None = None        # --packer; None: hooks.publish.packer.choose decides


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
    out = cli._replace(allow=cli.allow + tuple(allow))
    try:
        if 'maxFileSize' in config and cli.max_file_size is None:
            out = out._replace(max_file_size=parse_size(config['maxFileSize']))
        if 'maxUnpackedSize' in config and cli.max_unpacked_size is None:
            out = out._replace(max_unpacked_size=parse_size(config['maxUnpackedSize']))
        if 'maxGrowth' in config and not cli.growth_given:
            out = out._replace(max_growth=parse_growth(config['maxGrowth']))
    except ValueError as e:
        raise BadInput('package.json', f'"packguard": {e}') from None
    return out


# -- reading each file once ------------------------------------------------------



class Context:
    """One package being judged: how its paths are shown, its options, what it publishes."""
    __slots__ = ('_allow', 'has_files', 'label', 'manifest', 'options', 'prefix', 'published')

    def __init__(self, label: str, manifest: dict[str, Any], prefix: str, options: Options,
                 published: frozenset[str] = frozenset()) -> None:
        self.label = label
        self.manifest = manifest
        self.prefix = prefix              # how this package's paths are shown
        self.options = options
        self.published = published
        self.has_files = 'files' in manifest and manifest['files'] is not None
        self._allow: Any = None
        if options.allow:
            import pathspec

            self._allow = pathspec.GitIgnoreSpec.from_lines(options.allow)

    # the license facts a message about a map needs (hooks.judge.licenses, read
    # only when a package has something to say about one)
    @property
    def license(self) -> str | None:
        from hooks.judge.licenses import manifest_license

        return manifest_license(self.manifest)

    @property
    def repository(self) -> str | None:
        from hooks.judge.licenses import repository_url

        return repository_url(self.manifest)

    @property
    def open_source(self) -> bool:
        from hooks.judge.licenses import is_open_source

        return is_open_source(self.manifest) and self.repository is not None

    def allowed(self, path: str) -> bool:
        return self._allow is not None and bool(self._allow.match_file(path))

    def finding(
            self, path: str, message: str, rule: str, severity: Severity,
            line: int | None = None,
    ) -> Finding:
        return Finding(self.prefix + path, message, rule, severity, line, self.label)


# Folders whose files are fixtures and examples by their name, for the forbid
# hooks: a committed map or .env there is a warning (a test suite's own
# test/.env.test is not in it: that one is the project's test settings).
FIXTURE_FOLDERS = frozenset((
    'fixture', 'fixtures', '__fixtures__', 'test-fixtures', 'testdata', 'test-data',
    '__mocks__', 'mocks', 'example', 'examples', 'playground', 'playgrounds',
))


def in_fixture_folder(path: str) -> bool:
    return any(seg.lower() in FIXTURE_FOLDERS for seg in path.split('/')[:-1])


def in_test_folder(path: str) -> bool:
    return any(seg.lower() in TEST_FOLDERS for seg in path.split('/')[:-1])


URL_SCHEME = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*://')
