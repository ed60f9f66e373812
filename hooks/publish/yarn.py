"""What ``yarn pack`` (yarn 4.18.1, berry's plugin-pack) puts in the tarball.

A port of ``genPackList`` in berry's ``packages/plugin-pack/sources/packUtils.ts``
(as bundled in ``@yarnpkg/cli-dist`` 4.18.1).  yarn shares no rule engine with
npm: every pattern is a micromatch glob (:mod:`hooks.publish.micromatch`,
``{dot: true, nocase: true}``) matched against ``/``-rooted paths such as
``/lib/index.js``; a pattern without ``/`` matches the basename at any depth;
a pattern with ``/`` is resolved against the folder of its ignore file
(``lib/x`` in ``sub/.npmignore`` is ``/sub/lib/x``, a trailing ``/`` dropped).

A path is judged by lists, first verdict wins:

1. the global list: accepts ``/package.json``, ``/readme[.*]``,
   ``/license[.*]``, ``/licence[.*]``, ``/changelog[.*]``; rejects
   ``/package.tgz``, ``.github``, ``.git``, ``.hg``, ``node_modules``,
   ``.npmignore``, ``.gitignore``, ``.#*``, ``.DS_Store``, ``.yarnrc.yml``,
   yarn's own files inside the package (``/yarn.lock`` when the package is the
   project root, the install state, the virtual and unplugged folders, the PnP
   files, a local cache) and every child workspace folder;
2. then, for files only, the ignore lists from the nearest folder up: each
   folder's ``.npmignore`` (else ``.gitignore``; the root's only without
   ``files``), and last the package's own list: ``main``, ``module``,
   ``browser``, ``bin`` (``publishConfig`` ones first) accepted, and with
   ``files``: ``/*`` rejected and each entry accepted.

Inside one list negations win over the rest and order does not matter: a
negated reject pattern accepts, a negated accept pattern rejects.  A folder
is only cut by the global list; a folder an ignore list rejects is still
entered, its own ignore file is skipped and whatever no list accepts below it
is rejected.  Symlinks are packed as links (to folders too), other special
files are left out, and the list is sorted as JavaScript sorts strings.

The packed package.json is ``JSON.stringify(manifest, null, 2)`` after the
beforeWorkspacePacking hooks (publishConfig fields copied, ``workspace:``
ranges resolved).  ``yarn pack`` (not its dry run) fails on a ``workspace:``
range no workspace has and on a ``catalog:`` range without a catalog; a
lone ``!`` pattern, a bin name that is no package name and a file name that
is not UTF-8 make it fail too: each is BadInput saying so.
"""
from __future__ import annotations

import bisect
import functools
import json
import math
import os
import posixpath
import re
import stat
from collections import namedtuple
from collections.abc import Callable
from collections.abc import Iterator

from hooks.publish.micromatch import any_matcher
from hooks.publish.npm import PackedFile
from hooks.reading import loads
from hooks.reading import read_bounded
from hooks.reading import read_text

TYPE_CHECKING = False
if TYPE_CHECKING:  # `typing` would cost start-up time (a yarn project is judged without it)
    from typing import Any
    from typing import NamedTuple
    from typing import TypeVar

    _T = TypeVar('_T')

    class IgnoreList(NamedTuple):
        accept: list[str]
        reject: list[str]

    class _Test(NamedTuple):
        """Whether a path meets one of several steps: for an ASCII name, its lower-cased
        basename in ``names`` or starting with one of ``prefixes``, or ``other(path)``
        (the steps not told by names); ``full(path)`` for any path."""
        names: frozenset[str]
        prefixes: tuple[str, ...]
        other: Callable[[str], bool] | None
        full: Callable[[str], bool]

    class _Below(NamedTuple):
        """Below an ignored folder: what can let a path in (a rescuer), what the global
        list rejects there."""
        rescuers: _Test
        rejected: _Test
else:
    IgnoreList = namedtuple('IgnoreList', 'accept reject')
    _Test = namedtuple('_Test', 'names prefixes other full')
    _Below = namedtuple('_Below', 'rescuers rejected')

MODEL = 'yarn 4.18.1 (plugin-pack)'

# packUtils.ts NEVER_IGNORE / ALWAYS_IGNORE
NEVER_IGNORE = (
    '/package.json',
    '/readme', '/readme.*',
    '/license', '/license.*',
    '/licence', '/licence.*',
    '/changelog', '/changelog.*',
)
ALWAYS_IGNORE = (
    '/package.tgz',
    '.github', '.git', '.hg', 'node_modules',
    '.npmignore', '.gitignore',
    '.#*', '.DS_Store',
)
RC_FILENAME = '.yarnrc.yml'
LOCKFILE = 'yarn.lock'
# project-relative defaults of the paths genPackList rejects (core's
# Configuration settings and plugin-pnp's populateYarnPaths)
PROJECT_PATHS = {
    'installStatePath': './.yarn/install-state.gz',
    'virtualFolder': './.yarn/__virtual__',
    'pnpUnpluggedFolder': './.yarn/unplugged',
}
PNP_FILES = ('.pnp.cjs', '.pnp.data.json', '.pnp.loader.mjs')
# Workspace.setup globs workspace patterns with these ignores
WORKSPACE_GLOB_IGNORE = ('node_modules', '.git', '.yarn')
MAX_DEPTH = 200
MAX_WORKSPACES = 10_000

# Manifest.load: parseIdent's regex
_IDENT = re.compile(r'(?:@([^/]+?)/)?([^@/]+)', re.DOTALL)
# a regex used only on some input, compiled when first needed
_pattern = functools.cache(re.compile)
# String.prototype.trim: WhiteSpace and LineTerminator
_JS_SPACE = ('\t\n\v\f\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008'
             '\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff')


def BadInput(path: str, message: str) -> Exception:
    from hooks.findings import BadInput as _BadInput

    return _BadInput(path, message)


_UNREAD = object()   # a manifest not read yet in this run


def _refuse(path: str, what: str) -> Exception:
    return BadInput(path, f'yarn refuses to pack: {what}')


# -- reading -------------------------------------------------------------------------

def _read_json(path: str, shown: str) -> Any:
    return _parse_json(_read_raw(path, shown), shown)


def _read_raw(path: str, shown: str) -> bytes:
    try:
        return read_bounded(path)
    except FileNotFoundError:
        raise _refuse(shown, 'no package.json (the folder is not a workspace)') from None
    except OSError as e:
        raise _refuse(shown, f'cannot read it: {e.strerror}') from None


def _parse_json(raw: bytes, shown: str) -> Any:
    text = raw.decode('utf-8', 'replace')
    text = text.removeprefix('\ufeff')
    try:
        return loads(text or '{}', shown, parse_constant=_no_constant)
    except ValueError as e:
        raise _refuse(shown, f'invalid JSON ({e})') from None


def _no_constant(name: str) -> Any:
    raise ValueError(f'Unexpected token {name[0]!r}')


def _js_trim(s: str) -> str:
    return s.strip(_JS_SPACE)


def _read_text(path: str, shown: str) -> str:
    try:
        return read_text(path)
    except OSError as e:
        raise _refuse(shown, f'cannot read it: {e.strerror}') from None


# -- the manifest as yarn's Manifest.load reads it -------------------------------------

def _ident_name(name: str, shown: str) -> str:
    m = _IDENT.fullmatch(name)
    if m is None:
        raise _refuse(shown, f'Invalid ident ({name})')
    return m.group(2)


def _force_included(data: dict[str, Any], shown: str) -> list[str]:
    """``main``, ``module``, ``browser`` and ``bin`` paths, publishConfig's first."""
    def portable(v: str) -> str:
        return v.replace('\\', '/')

    name = None
    if isinstance(data.get('name'), str) and _IDENT.fullmatch(data['name']):
        name = _ident_name(data['name'], shown)
    fields: dict[str, Any] = {}
    for key in ('main', 'module'):
        fields[key] = portable(data[key]) if isinstance(data.get(key), str) else None
    fields['browser'] = _browser(data.get('browser'))
    bins: dict[str, str] = {}
    bin_ = data.get('bin')
    if isinstance(bin_, str):
        if _js_trim(bin_) and name is not None:
            bins[name] = portable(bin_)
    elif isinstance(bin_, dict):
        for key, value in bin_.items():
            if not isinstance(value, str) or not _js_trim(value):
                continue
            bins[_ident_name(key, shown)] = portable(value)
    elif isinstance(bin_, list):
        for value in bin_:   # Object.entries of an array: keys '0', '1', ...
            if isinstance(value, str) and _js_trim(value):
                bins[str(len(bins))] = portable(value)
    pc = data.get('publishConfig')
    if isinstance(pc, dict):
        for key in ('main', 'module'):
            if isinstance(pc.get(key), str):
                fields[key] = portable(pc[key])
        if pc.get('browser') is not None:
            fields['browser'] = _browser(pc['browser'])
        if isinstance(pc.get('bin'), str):
            if name is not None:
                bins = {name: portable(pc['bin'])}
        elif isinstance(pc.get('bin'), (dict, list)):
            items = pc['bin'].items() if isinstance(pc['bin'], dict) else enumerate(pc['bin'])
            bins = {str(k): portable(v) for k, v in items if isinstance(v, str)}
    accept = []
    for key in ('main', 'module'):
        if fields[key] is not None:
            accept.append(_resolve('/', fields[key]))
    browser = fields['browser']
    if isinstance(browser, str):
        accept.append(_resolve('/', browser))
    accept.extend(_resolve('/', v) for v in bins.values())
    if isinstance(browser, dict):
        for original, replacement in browser.items():
            accept.append(_resolve('/', original))
            if isinstance(replacement, str):
                accept.append(_resolve('/', replacement))
    return accept


def _browser(value: Any) -> str | dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.replace('\\', '/')
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = ((str(i), v) for i, v in enumerate(value))
    else:
        items = ()
    return {k.replace('\\', '/'): v.replace('\\', '/') if isinstance(v, str) else v
            for k, v in items}


def _resolve(cwd: str, path: str) -> str:
    """node's ``path.posix.resolve(cwd, path)`` for an absolute ``cwd``."""
    return posixpath.normpath(posixpath.join(cwd, path)).replace('//', '/') or '/'


# -- project, configuration and workspaces ------------------------------------------------

def project_root(pkg: str) -> str:
    """Configuration.findProjectCwd: the nearest folder with a yarn.lock, else the
    topmost one with a package.json."""
    found = None
    cur = pkg
    for _ in range(MAX_DEPTH):
        if os.path.exists(os.path.join(cur, LOCKFILE)):
            return cur
        if os.path.exists(os.path.join(cur, 'package.json')):
            found = cur
        parent = os.path.dirname(cur)
        if parent == cur:
            break
        cur = parent
    return found or pkg


def _rc_settings(project: str, pkg: str) -> dict[str, tuple[str, str]]:
    """Settings from the ``.yarnrc.yml`` files from the root down to the project
    (nearest wins): ``{name: (value, folder of the rc file)}``.  Only the keys
    genPackList reads; a malformed file is left to yarn's own message."""
    folders = []
    cur = project
    for _ in range(MAX_DEPTH):
        folders.append(cur)
        parent = os.path.dirname(cur)
        if parent == cur:
            break
        cur = parent
    out: dict[str, tuple[str, str]] = {}
    for folder in reversed(folders):
        path = os.path.join(folder, RC_FILENAME)
        if not os.path.isfile(path):
            continue
        shown = os.path.relpath(path, pkg)
        for key, value in _rc_scalars(_read_text(path, shown)).items():
            out[key] = (value, folder)
    return out


_RC_KEYS = ('cacheFolder', 'enableGlobalCache', 'installStatePath', 'virtualFolder',
            'yarnPath', 'pnpUnpluggedFolder', 'globalFolder', 'pnpDataPath')


def _rc_scalars(text: str) -> dict[str, str]:
    """Top-level ``key: scalar`` lines of a .yarnrc.yml (the only ones read here)."""
    out = {}
    for line in text.splitlines():
        m = re.match(r'([A-Za-z]+)\s*:\s*(.*?)\s*$', line)
        if m is None or m.group(1) not in _RC_KEYS:
            continue
        value = m.group(2)
        if value[:1] in '"\'' and value[-1:] == value[:1] and len(value) >= 2:
            value = value[1:-1]
        elif ' #' in value:
            value = value.split(' #', 1)[0].rstrip()
        out[m.group(1)] = value
    return out


def _yarn_paths(project: str, pkg: str) -> Iterator[str]:
    """The absolute paths genPackList rejects: lockfile, cache, state, PnP files."""
    rc = _rc_settings(project, pkg)
    yield os.path.join(project, LOCKFILE)

    def setting(key: str, default: str | None) -> str | None:
        if key in rc:
            value, folder = rc[key]
            return os.path.normpath(os.path.join(folder, value)) if value else None
        return None if default is None else os.path.normpath(os.path.join(project, default))

    global_cache = rc.get('enableGlobalCache', ('true', ''))[0].lower() not in ('false', '0')
    if not global_cache:
        yield from filter(None, [setting('cacheFolder', './.yarn/cache')])
    for key, default in PROJECT_PATHS.items():
        yield from filter(None, [setting(key, default)])
    yield from filter(None, [setting('yarnPath', None), setting('globalFolder', None)])
    for name in PNP_FILES:
        yield os.path.join(project, name)


def _run_cache() -> dict[object, object] | None:
    """What one run (hooks.publish.packer.one_run) has read of a project, shared by
    its packages; None outside a run.  A failure is never kept: each package that
    meets it says it in its own words."""
    from hooks.publish import packer

    return packer.RUN_CACHE


def _per_run(key: tuple[str, str], compute: Callable[[], _T]) -> _T:
    cache = _run_cache()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]  # type: ignore[return-value]


class Workspace:
    """A workspace of the project: its folder and its package.json, parsed when
    first asked (a commit-time run that judges one package of babel needs the
    names of few of its 163 workspaces: see :class:`_Names`)."""
    __slots__ = ('_data', 'folder', 'path', 'raw')

    def __init__(self, folder: str, path: str, raw: bytes | None) -> None:
        self.folder = folder
        self.path = path
        self.raw = raw     # None: no readable package.json (an empty manifest to yarn)
        self._data: Any = _UNREAD

    def data(self) -> Any:
        """The parsed package.json (any JSON value); yarn's refusal when it is not JSON."""
        if self._data is _UNREAD:
            if self.raw is None:
                raise _refuse(self.path, 'cannot read it')
            self._data = _parse_json(self.raw, self.path)
        return self._data

    @property
    def manifest(self) -> dict[str, Any]:
        """The package.json as a workspace of the project: {} unless a JSON object."""
        try:
            data = self.data()
        except Exception:  # noqa: BLE001 (a broken workspace is yarn's to report)
            return {}
        return data if isinstance(data, dict) else {}

    def may_hold(self, key: bytes) -> bool:
        """Whether the JSON text may hold the string ``key`` (its exact quoted form;
        an escape anywhere may spell it otherwise)."""
        return self.raw is not None and (key in self.raw or b'\\' in self.raw)


def workspaces(root: str) -> list[Workspace]:
    """Every workspace of the project at ``root`` (Workspace.setup, recursive), the
    root first; read once per run when several packages of the project are judged
    (hooks.publish.packer.one_run)."""
    return _per_run(('yarn-workspaces', root), lambda: _workspaces(root))


def _workspaces(root: str) -> list[Workspace]:
    cache = _run_cache()
    out: list[Workspace] = []
    queue = [root]
    seen = {root}
    while queue and len(out) < MAX_WORKSPACES:
        cwd = queue.pop(0)
        path = os.path.join(cwd, 'package.json')
        raw: bytes | None
        try:   # (shown nowhere: a relpath per workspace cost babel 8 ms)
            raw = _read_raw(path, path)
        except Exception as e:  # noqa: BLE001 (a broken workspace is yarn's to report)
            if cwd != root and not _is_file(path, e):
                continue   # no package.json: a folder the globs name, not a workspace
            raw = None
        ws = Workspace(cwd, path, raw)
        out.append(ws)
        if cache is not None:   # publish_list of this workspace reads it from here
            cache[('yarn-workspace', path)] = ws
        if not ws.may_hold(b'"workspaces"'):
            continue   # (most: its manifest is parsed only when asked)
        defs = ws.manifest.get('workspaces')
        if isinstance(defs, dict):
            defs = defs.get('packages')
        if not isinstance(defs, list):
            continue
        patterns = [p for p in defs if isinstance(p, str) and p]
        for rel in _glob_dirs(cwd, patterns):
            full = os.path.normpath(os.path.join(cwd, rel))
            if full in seen:
                continue   # (whether it holds a package.json is known when it is read)
            seen.add(full)
            queue.append(full)
    return out


def _is_file(path: str, error: Exception) -> bool:
    """What os.path.isfile says of ``path``, which just failed to read with ``error``."""
    if 'no package.json' in getattr(error, 'message', ''):
        return False
    return os.path.isfile(path)


def _glob_dirs(cwd: str, patterns: list[str]) -> list[str]:
    """Folders below ``cwd`` matching the workspace globs (globby, onlyDirectories,
    dot: false, ignoring node_modules/.git/.yarn)."""
    from hooks.publish.micromatch import path_matcher

    positive = [p.rstrip('/') for p in patterns if not p.startswith('!')]
    negative = [p[1:].rstrip('/') for p in patterns if p.startswith('!') and len(p) > 1]
    positive = [p.removeprefix('./') for p in positive if p]
    if not positive:
        return []
    matchers = [path_matcher(p, dot=False, nocase=False) for p in positive]
    nots = [path_matcher(p, dot=False, nocase=False) for p in negative if p]
    found: list[str] = []
    # each walk starts where a pattern's literal folders lead ('packages/*' lists
    # packages/ only), as deep as the patterns starting there reach
    starts: dict[str, int] = {}
    for p in positive:
        prefix = _literal_folders(p)
        depth = MAX_DEPTH if '**' in p else p.count('/') + 1
        starts[prefix] = max(starts.get(prefix, 0), depth)
    if starts.get('', 0) >= max(starts.values()):
        starts = {'': starts['']}   # the walk from the top meets all the others do
    for prefix, max_depth in starts.items():
        _glob_walk(cwd, prefix, max_depth, matchers, nots, found)
    return sorted(set(found))


def _literal_folders(pattern: str) -> str:
    """The leading folders of a workspace glob that are plain names, none the
    last segment (``test/runtime-integration`` of ``test/runtime-integration/*``)."""
    parts = pattern.split('/')[:-1]
    out = []
    for part in parts:
        if not part or part in ('.', '..') or any(c in part for c in '*?[]{}()!+@\\'):
            break
        out.append(part)
    return '/'.join(out)


def _glob_walk(cwd: str, prefix: str, max_depth: int, matchers: list[Callable[[str], bool]],
               nots: list[Callable[[str], bool]], found: list[str]) -> None:
    """The folders the walk from ``cwd`` would meet below ``prefix`` that match:
    the walk reaches ``prefix`` only through real folders it enters (no dot or
    ignored names, no links)."""
    if prefix:
        parts = prefix.split('/')
        for i, part in enumerate(parts):
            if part in WORKSPACE_GLOB_IGNORE or part.startswith('.'):
                return
            try:   # the name as listed (a case-insensitive disk finds others too)
                if part not in os.listdir(os.path.join(cwd, *parts[:i])):
                    return
            except OSError:
                return
            here = os.path.join(cwd, *parts[:i + 1])
            if not os.path.isdir(here):
                return
            sub = '/'.join(parts[:i + 1])   # ('packages/**' picks packages itself)
            if any(m(sub) for m in matchers) and not any(m(sub) for m in nots):
                found.append(sub)
            if os.path.islink(here):   # matched, never entered
                return
        if len(parts) >= max_depth:
            return
    stack = [(prefix, prefix.count('/') + 1 if prefix else 0)]
    while stack:
        rel, depth = stack.pop()
        if depth >= max_depth:
            continue
        try:
            entries = list(os.scandir(os.path.join(cwd, rel) if rel else cwd))
        except OSError:
            continue
        for e in entries:
            if e.name in WORKSPACE_GLOB_IGNORE or e.name.startswith('.'):
                continue
            try:
                if not e.is_dir(follow_symlinks=True):
                    continue
            except OSError:
                continue
            sub = f'{rel}/{e.name}' if rel else e.name
            if any(m(sub) for m in matchers) and not any(m(sub) for m in nots):
                found.append(sub)
            if not e.is_symlink():
                stack.append((sub, depth + 1))


# -- rules ----------------------------------------------------------------------------------

def _normalize_pattern(pattern: str, cwd: str) -> str:
    """packUtils.ts normalizePattern: a pattern holding a ``/`` is resolved at ``cwd``."""
    negated = pattern[:1] == '!'
    if negated:
        pattern = pattern[1:]
    if '/' in pattern:
        pattern = _resolve(cwd, pattern)
    return f'!{pattern}' if negated else pattern


def _add_pattern(target: list[str], pattern: str, cwd: str) -> None:
    trimmed = _js_trim(pattern)
    if trimmed == '' or trimmed[0] == '#':
        return
    target.append(_normalize_pattern(trimmed, cwd))


# a matcher of the path, the verdict (ignored or not) when it matches, and its globs
# (each with a /: matched on the path; none with one: on the basename; (): it throws)
_Step = tuple[Callable[[str], bool], bool, tuple[str, ...]]
_Compiled = tuple[_Step, ...]   # an IgnoreList, compiled once (shared: never changed)


def _kind_steps(patterns: list[str], on_negated: bool, on_other: bool) -> list[_Step]:
    """packUtils.ts isMatch over one list (a negated pattern that matches decides first,
    then another), as steps that give ``on_negated`` or ``on_other``; no step for an
    empty half, so a path meets only the matchers that can decide."""
    return [*((m, on_negated, on) for m, on in _split_matchers([p[1:] for p in patterns
                                                                  if p[:1] == '!'])),
            *((m, on_other, on) for m, on in _split_matchers([p for p in patterns
                                                                if p[:1] != '!']))]


def _refuse_empty(path: str) -> bool:
    # picomatch throws on an empty pattern ("!" alone in an ignore file), when used
    raise ValueError('Expected pattern to be a non-empty string')


def _split_matchers(patterns: list[str]) -> list[tuple[Callable[[str], bool], tuple[str, ...]]]:
    """packUtils.ts isMatchBasename: patterns with ``/`` on the path, others on its basename."""
    if not all(patterns):
        return [(_refuse_empty, ())]
    on_path = tuple(p for p in patterns if '/' in p)
    on_base = tuple(p for p in patterns if '/' not in p)
    return [*([(any_matcher(on_path), on_path)] if on_path else []),
            *([(any_matcher(on_base, basename=True), on_base)] if on_base else [])]


def _compiled(lst: IgnoreList) -> _Compiled:
    """packUtils.ts isIgnored's verdicts for one list (4.18.1: a negated accept rejects,
    a negated reject accepts): True when the path is ignored.  Lists of the same
    patterns (the global list and the ignore files of a monorepo's packages, say)
    are compiled once."""
    return _compiled_patterns(tuple(lst.accept), tuple(lst.reject))


@functools.lru_cache(maxsize=512)
def _compiled_patterns(accept: tuple[str, ...], reject: tuple[str, ...]) -> _Compiled:
    return (*_kind_steps(list(accept), True, False), *_kind_steps(list(reject), False, True))


def _is_ignored(path: str, global_list: _Compiled, lists: list[_Compiled] | None) -> bool:
    """packUtils.ts isIgnored: the first list with a matching pattern decides."""
    for match, ignored, _ in global_list:
        if match(path):
            return ignored
    for steps in lists or ():
        for match, ignored, _ in steps:
            if match(path):
                return ignored
    return False


# -- folders whose every path is ignored ------------------------------------------------------
#
# A folder an ignore list rejects is entered with `**/*` appended to its lists (walk()).
# Below it a path is then ignored unless a step before that `**/*` lets it in first: an
# accept pattern or a negated reject pattern (the global list lets in only root files,
# /package.json, /readme, ...). When no such step can match below the folder, `**/*`
# rejects every file and every folder below (so no ignore file below is ever used):
# the subtree is still listed (yarn lstats and reads it: its errors are yarn's errors)
# but nothing in it is matched. `**/*` fails on a path with a line terminator in it
# (picomatch's `.`), and a name that is not UTF-8 has its own rules: those entries take
# the ordinary way.

_ODD_NAME = '[\n\r\u2028\u2029\udc80-\udcff]'


def _odd_name(name: str) -> bool:
    """Whether a name holds a line terminator or a byte that is not UTF-8 (an ASCII
    name is told without the regex, which costs half a millisecond to compile)."""
    if name.isascii():
        return '\n' in name or '\r' in name
    return _pattern(_ODD_NAME).search(name) is not None

# a path segment picomatch reads as itself (nocase): no glob, brace, class or escape
_LITERAL_SEGMENT = re.compile(r'[A-Za-z0-9_.\- ]+')


def _may_match_below(pattern: str, folder: str) -> bool:
    """Whether the path pattern ``pattern`` (``/``-rooted, resolved) may match a path
    below ``folder`` (``/a/b``); False only when its literal leading segments leave the
    folder (or name the folder itself or a folder above it)."""
    segments = pattern.split('/')[1:]
    names = folder.split('/')[1:]
    for i, name in enumerate(names):
        if i == len(segments):
            return False              # a literal path above the folder: matches only itself
        seg = segments[i]
        if not _LITERAL_SEGMENT.fullmatch(seg) or not name.isascii():
            return True
        if seg.lower() != name.lower():
            return False
    return len(segments) > len(names)


def _reaching(steps: list[_Step], folder: str) -> list[_Step]:
    """The steps whose globs may match a path below ``folder``."""
    return [step for step in steps if not step[2] or '/' not in step[2][0]
            or any(_may_match_below(p, folder) for p in step[2])]


def _rescuers(folder: str, lists: list[_Compiled]) -> _Test | None:
    """The steps that can let in a path below ``folder`` (an ignored folder whose lists
    are ``lists``) before ``**/*`` rejects it; None when that cannot be told (a pattern
    that throws, a folder path ``**/*`` fails on)."""
    if _odd_name(folder):
        return None
    ignore_all = _ignore_all()
    out: list[_Step] = []
    for steps in lists:
        if steps is ignore_all:
            break
        for step in steps:
            if step[0] is _refuse_empty:
                return None
            if not step[1]:
                out.append(step)
    return _test(_reaching(out, folder))


def _test(steps: list[_Step]) -> _Test:
    from hooks.publish.micromatch import name_sets

    if not steps:
        return _NO_TEST
    names: set[str] = set()
    prefixes: list[str] = []
    other = []
    for match, _, globs in steps:
        told = name_sets(globs) if globs and '/' not in globs[0] else None
        if told is None:
            other.append(match)
        else:
            names.update(told[0])
            prefixes.extend(told[1])
    return _Test(frozenset(names), tuple(prefixes), _any_of(other) if other else None,
                 _any_of([match for match, _, _ in steps]))


def _nothing(path: str) -> bool:
    return False


_NO_TEST = _Test(frozenset(), (), None, _nothing)


def _any_of(matchers: list[Callable[[str], bool]]) -> Callable[[str], bool]:
    """One matcher for several (the first that matches decides)."""
    if not matchers:
        return _nothing
    if len(matchers) == 1:
        return matchers[0]
    if len(matchers) == 2:
        first, second = matchers
        return lambda path: first(path) or second(path)
    return lambda path: any(m(path) for m in matchers)


# -- the walk -------------------------------------------------------------------------------

def _js_key(path: str) -> bytes:
    """JavaScript's default sort: UTF-16 code units."""
    return path.encode('utf-16-be', 'surrogatepass')


def publish_list(pkg_dir: str | os.PathLike[str]) -> list[PackedFile]:
    """The files ``yarn pack`` would put in the tarball of ``pkg_dir``, in yarn's order."""
    pkg = os.path.realpath(os.fspath(pkg_dir))   # yarn's cwd is process.cwd(): real
    if not os.path.isdir(pkg):
        raise BadInput(os.fspath(pkg_dir), 'no such package folder')
    manifest_path = os.path.join(pkg, 'package.json')
    known = (_run_cache() or {}).get(('yarn-workspace', manifest_path))
    try:   # read by the workspace scan of this run, else here
        data = known.data() if isinstance(known, Workspace) else _UNREAD
    except Exception:  # noqa: BLE001 (said below, in this package's words)
        data = _UNREAD
    if data is _UNREAD:
        data = _read_json(manifest_path, 'package.json')
    if not isinstance(data, (dict, list)):   # an array is a JS object: accepted
        raise _refuse('package.json', f'Utterly invalid manifest data ({_js_str(data)})')
    manifest: dict[str, Any] = data if isinstance(data, dict) else {}

    global_list = IgnoreList(list(NEVER_IGNORE), [*ALWAYS_IGNORE, RC_FILENAME])
    project = project_root(pkg)
    for path in _per_run(('yarn-paths', project), lambda: list(_yarn_paths(project, pkg))):
        if path.startswith(pkg + '/'):
            global_list.reject.append(_resolve('/', os.path.relpath(path, pkg)))
    project_workspaces = workspaces(project)
    inside = os.path.join(pkg, '')   # workspace folders are absolute and normalized, as pkg
    folders = _per_run(('yarn-folders', project),
                       lambda: sorted(ws.folder for ws in project_workspaces))
    at = bisect.bisect_left(folders, inside)   # those inside pkg follow it, sorted
    while at < len(folders) and folders[at].startswith(inside):
        rel = folders[at][len(inside):].replace(os.sep, '/')
        global_list.reject.append(f'/{rel}')
        at += 1

    ignore_list = IgnoreList(_force_included(manifest, 'package.json'), [])
    files = manifest.get('files')
    explicit = isinstance(files, list)
    if isinstance(files, list):
        ignore_list.reject.append('/*')
        for pattern in files:
            if isinstance(pattern, str):
                _add_pattern(ignore_list.accept, pattern, '/')

    try:
        found = _walk(pkg, explicit, global_list, ignore_list)
    except ValueError as e:
        raise _refuse('.npmignore', f'an ignore pattern is empty ({e})') from None
    if all(f[0].isascii() for f in found):   # UTF-16 order is the code points' there
        found.sort(key=lambda f: f[0])
    else:
        found.sort(key=lambda f: _js_key(f[0]))
    out = []
    packed = _resolve_ranges(data, project, pkg, project_workspaces)
    for rel, size in found:
        if rel == 'package.json':
            size = packed_manifest_size(packed)
        out.append(PackedFile(rel, size))
    return out


# (path as yarn sees it: '/' or '/a/b', lists, depth, its entry in the folder's listing,
# and below an ignored folder the only steps that can let a path in)
_Item = tuple[str, list[_Compiled], int, os.DirEntry[str] | None, _Below | None]


def _walk(pkg: str, explicit: bool, global_ignore: IgnoreList,
          ignore_list: IgnoreList) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    global_list = _compiled(global_ignore)
    # the global list's accept patterns (NEVER_IGNORE) name files at the root: a path
    # below an ignored folder meets only its rejects
    assert all(p in NEVER_IGNORE for p in global_ignore.accept)
    rejects = [step for step in global_list if step[1]]
    todo: list[_Item] = [('/', [_compiled(ignore_list)], 0, None, None)]
    while todo:
        cwd, lists, depth, dirent, below = todo.pop()
        full = pkg if cwd == '/' else pkg + cwd
        if below is not None:   # a folder below an ignored folder: `**/*` rejects
            if depth >= MAX_DEPTH:
                raise BadInput(cwd[1:], f'folders nested deeper than {MAX_DEPTH}; not walked, '
                                        'so not judged (yarn would pack what is below)')
            listing = _list(full, cwd)
            _doomed(full, cwd, listing, lists, depth + 1, below, todo, True)
            continue
        st: os.stat_result | None = None
        if dirent is None:
            try:   # the package folder itself is yarn's cwd: a link to it is followed
                st = os.stat(full) if cwd == '/' else os.lstat(full)
            except OSError:
                continue
            is_dir = stat.S_ISDIR(st.st_mode)
        else:   # the listing says what it is: an lstat only for the size of what is kept
            is_dir = dirent.is_dir(follow_symlinks=False)
        if _is_ignored(cwd, global_list, None if is_dir else lists):
            continue
        if not is_dir:
            if st is None:
                try:
                    st = os.lstat(full)
                except OSError:
                    continue
            if stat.S_ISREG(st.st_mode):
                out.append((cwd[1:], st.st_size))
            elif stat.S_ISLNK(st.st_mode):
                out.append((cwd[1:], 0))   # a link entry: no content
            continue
        if depth >= MAX_DEPTH:   # said, never cut short in silence
            raise BadInput(cwd[1:], f'folders nested deeper than {MAX_DEPTH}; not walked, so '
                                    'not judged (yarn would pack what is below)')
        listing = _list(full, cwd)
        entries = [d.name for d in listing]
        local = None
        if not explicit or cwd != '/':
            name = '.npmignore' if '.npmignore' in entries else \
                '.gitignore' if '.gitignore' in entries else None
            if name is not None:
                local = _load_ignore(full, cwd, name)
        nxt = [_compiled(local), *lists] if local is not None else lists
        base = cwd.rstrip('/')
        if _is_ignored(cwd, global_list, lists):
            nxt = [*lists, _ignore_all()]
            if cwd != '/':
                rescuers = _rescuers(cwd, lists)
                if rescuers is not None:
                    below = _Below(rescuers, _test(_reaching(rejects, cwd)))
                    _doomed(full, cwd, listing, nxt, depth + 1, below, todo, False)
                    continue
        for found in listing:
            todo.append(_entry(full, base, found, nxt, depth + 1))
    return out


def _doomed(full: str, cwd: str, listing: list[os.DirEntry[str]], lists: list[_Compiled],
            depth: int, below: _Below, todo: list[_Item], read_ignore: bool) -> None:
    """The entries of ``cwd``, a folder below which ``**/*`` rejects every path no rescuer
    lets in: its subfolders are only listed (but those the global list rejects, never
    entered), its files left out unmatched; an entry a rescuer matches, or with a name
    ``**/*`` fails on, takes the ordinary way.  Its ignore file is read as yarn reads it
    (its errors are yarn's), never used."""
    joined = '/'.join([d.name for d in listing])
    if read_ignore and 'ignore' in joined:
        names = joined.split('/')
        if '.npmignore' in names or '.gitignore' in names:
            name = '.npmignore' if '.npmignore' in names else '.gitignore'
            _read_text(os.path.join(full, name), posixpath.join(cwd[1:], name))
    rescue, rejected = below
    if not joined.isascii() or _odd_name(joined):
        for found in listing:   # each name the whole way
            path = f'{cwd}/{found.name}'
            if _odd_name(found.name) or rescue.full(path):
                todo.append(_entry(full, cwd, found, lists, depth))
            elif found.is_dir(follow_symlinks=False) and not rejected.full(path):
                todo.append((path, lists, depth, found, below))
        return
    # ASCII names (most): told by their lower-cased names where the globs allow
    r_names, r_prefixes, r_other, _ = rejected
    if rescue is _NO_TEST:   # only its folders matter
        for found in [d for d in listing if d.is_dir(follow_symlinks=False)]:
            low = found.name.lower()
            if not (low in r_names or low.startswith(r_prefixes)):
                path = f'{cwd}/{found.name}'
                if r_other is None or not r_other(path):
                    todo.append((path, lists, depth, found, below))
        return
    names_in, prefixes_in, other_in, _ = rescue
    lowered = joined.lower().split('/') if listing else []
    for found, low in zip(listing, lowered, strict=True):
        path = f'{cwd}/{found.name}'
        if low in names_in or low.startswith(prefixes_in) or (
                other_in is not None and other_in(path)):
            todo.append(_entry(full, cwd, found, lists, depth))
        elif found.is_dir(follow_symlinks=False) and not (
                low in r_names or low.startswith(r_prefixes)
                or (r_other is not None and r_other(path))):
            todo.append((path, lists, depth, found, below))


def _list(full: str, cwd: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(full) as it:
            return list(it)
    except OSError as e:
        raise _refuse(cwd[1:] or '.', f'cannot read the folder: {e.strerror}') from None


def _entry(full: str, base: str, found: os.DirEntry[str], lists: list[_Compiled],
           depth: int) -> _Item:
    """The walk's item for one entry of the folder ``base`` (``''`` for the root)."""
    entry = found.name
    if not entry.isascii() and _pattern(_SURROGATE).search(entry):
        # node reads a name that is not UTF-8 with U+FFFD in it and lstat fails
        shown = os.fsencode(entry).decode('utf-8', 'replace')
        if not os.path.lexists(os.path.join(full, shown)):
            raise _refuse(f'{base[1:]}/{shown}'.lstrip('/'),
                          'ENOENT: a file name that is not UTF-8')
        return (f'{base}/{shown}', lists, depth, None, None)
    return (f'{base}/{entry}', lists, depth, found, None)


@functools.lru_cache(maxsize=1)
def _ignore_all() -> _Compiled:
    """The list yarn appends below an ignored folder (its own object: a walk knows it)."""
    return tuple(_kind_steps(['**/*'], False, True))


_SURROGATE = '[\udc80-\udcff]'


def _load_ignore(full: str, cwd: str, name: str) -> IgnoreList:
    shown = posixpath.join(cwd[1:], name)
    lst = IgnoreList([], [])
    for line in _read_text(os.path.join(full, name), shown).split('\n'):
        _add_pattern(lst.reject, line, cwd)
    return lst


# -- the packed package.json -----------------------------------------------------------------

# Manifest.allDependencies: the scopes the workspace: and catalog: hooks rewrite
_DEPENDENCY_SCOPES = ('dependencies', 'devDependencies', 'peerDependencies')


def _resolve_ranges(data: Any, project: str, pkg: str,
                    project_workspaces: list[Workspace]) -> Any:
    """The manifest with ``workspace:`` ranges replaced as plugin-pack's
    beforeWorkspacePacking does; a range no workspace can satisfy, and a
    ``catalog:`` range without any catalog in .yarnrc.yml, make ``yarn pack``
    fail (the dry run still lists the files)."""
    if not isinstance(data, dict):
        return data
    out = dict(data)   # each dependency object copied before it changes
    copied: set[str] = set()
    by_name = _per_run(('yarn-by-name', project),
                       lambda: _Names(project, project_workspaces))
    catalogs = _per_run(('yarn-catalogs', project), lambda: _rc_has_catalogs(project, pkg))
    for scope in _DEPENDENCY_SCOPES:
        deps = data.get(scope)
        for name, spec in (deps.items() if isinstance(deps, dict) else ()):
            if isinstance(spec, str) and spec.startswith('catalog:') and not catalogs:
                which = spec[len('catalog:'):]
                where = f'catalog "{which}"' if which else 'default catalog'
                raise _refuse('package.json', f'{name}@{spec}: {where} not found or empty')
    optional = data.get('optionalDependencies')
    optional = {k: v for k, v in optional.items() if isinstance(v, str)} \
        if isinstance(optional, dict) else {}
    for scope in _DEPENDENCY_SCOPES:
        deps = data.get(scope)
        merged = {k: v for k, v in deps.items() if isinstance(v, str)} \
            if isinstance(deps, dict) else {}
        if scope == 'dependencies':   # Manifest.load adds optionalDependencies here
            merged.update(optional)
        for name, spec in merged.items():
            if not spec.startswith('workspace:'):
                continue
            found = by_name.get(name)
            if found is None:
                raise _refuse('package.json',
                              f'{name}@{spec}: No local workspace found for this range')
            anchored, version = found
            selector = spec[len('workspace:'):]
            if selector in ('*', anchored):   # or the workspace's anchored descriptor
                value = version
            elif selector in ('^', '~'):
                value = f'{selector}{version}'
            elif selector.startswith(('.', '/')):
                continue     # a path naming another folder: left as written
            else:
                value = selector
            target = 'optionalDependencies' if scope == 'dependencies' and \
                name in optional else scope
            if isinstance(out.get(target), dict):
                if target not in copied:
                    out[target] = dict(out[target])
                    copied.add(target)
                out[target][name] = value
    return out


class _Names:
    """Each named workspace's anchored path (from the project root) and version, by
    name (the last of a name wins, as the dict yarn builds). The first few names are
    looked up in the package.json texts that hold them, quoted, parsing only those;
    past that (a run that judges every package) every manifest is parsed once."""
    LAZY = 8

    def __init__(self, project: str, workspaces: list[Workspace]) -> None:
        self.project = project
        self.workspaces = workspaces
        self.known: dict[str, tuple[str, str] | None] = {}
        self.every: dict[str, tuple[str, str]] | None = None

    def get(self, name: str) -> tuple[str, str] | None:
        if self.every is not None:
            return self.every.get(name)
        if name in self.known:
            return self.known[name]
        try:
            quoted = f'"{name}"'.encode()
        except UnicodeEncodeError:   # (a lone surrogate, from an escape: only parsing says)
            quoted = None
        if quoted is None or len(self.known) >= self.LAZY:
            self.every = {}
            for ws in self.workspaces:
                other = ws.manifest.get('name')
                if isinstance(other, str):
                    self.every[other] = self._entry(ws)
            return self.every.get(name)
        found = None
        for ws in self.workspaces:
            if ws.may_hold(quoted) and ws.manifest.get('name') == name:
                found = self._entry(ws)
        self.known[name] = found
        return found

    def _entry(self, ws: Workspace) -> tuple[str, str]:
        folder, project = ws.folder, self.project
        version = ws.manifest.get('version')
        inside = folder[len(project) + 1:] if folder.startswith(project + os.sep) \
            else os.path.relpath(folder, project)   # (a relpath each cost babel 3 ms)
        return (inside.replace(os.sep, '/') or '.',
                version if isinstance(version, str) else '0.0.0')


def _rc_has_catalogs(project: str, pkg: str) -> bool:
    cur = project
    for _ in range(MAX_DEPTH):
        path = os.path.join(cur, RC_FILENAME)
        if os.path.isfile(path):
            text = _read_text(path, os.path.relpath(path, pkg))
            if re.search(r'(?m)^catalogs?\s*:', text):
                return True
        parent = os.path.dirname(cur)
        if parent == cur:
            return False
        cur = parent
    return False

# beforeWorkspacePacking hooks: plugin-pack copies these publishConfig fields,
# plugin-typescript copies typings/types
_PUBLISH_FIELDS = ('type', 'main', 'browser', 'module', 'exports', 'imports', 'bin',
                   'typings', 'types')


def _truthy(v: Any) -> bool:
    return not (v is None or v is False or v == '' or (
        isinstance(v, (int, float)) and not isinstance(v, bool) and (v == 0 or math.isnan(v))))


def packed_manifest(data: Any) -> str:
    """``JSON.stringify(manifest, null, 2)`` after yarn's publishConfig rewrite.

    ``catalog:`` and ``jsr:`` ranges are left as written (resolving them needs
    yarn's configuration and resolvers); ``workspace:`` ones are resolved by
    :func:`_resolve_ranges` first.
    """
    return _stringify(_published(data), '')


def _published(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    out = dict(data)
    pc = data.get('publishConfig')
    if _truthy(pc) and isinstance(pc, dict):
        for key in _PUBLISH_FIELDS:
            if _truthy(pc.get(key)):
                out[key] = pc[key]
    return out


def packed_manifest_size(data: Any) -> int:
    """The size of :func:`packed_manifest` in UTF-8.  For a manifest whose every number
    is an integer JavaScript holds exactly and with no lone surrogate, the JSON is
    Python's own (compact, from the C encoder) plus the whitespace ``null, 2`` adds,
    in another key order maybe (JavaScript puts array-index keys first): same size."""
    out = _published(data)
    extra = _pretty_extra(out, 0)
    if extra is not None:
        text = json.dumps(out, ensure_ascii=False, separators=(',', ':'))
        if text.isascii() or _pattern(_SURROGATE_UNIT).search(text) is None:
            return len(text.encode('utf-8')) + extra
    return len(_stringify(out, '').encode('utf-8', 'surrogatepass'))


_SURROGATE_UNIT = '[\ud800-\udfff]'
_EXACT_INT = 2 ** 53


def _pretty_extra(v: Any, depth: int) -> int | None:
    """The characters ``JSON.stringify(v, null, 2)`` adds to the compact JSON of ``v``
    at nesting ``depth`` (line breaks, indents, a space after each colon); None when
    its JSON may differ from Python's (a float, an inexact integer)."""
    if isinstance(v, dict):
        items: Any = v.values()
        if not v:
            return 0
        extra = len(v) * (2 + 2 * (depth + 1)) + 1 + 2 * depth
    elif isinstance(v, list):
        items = v
        if not v:
            return 0
        extra = len(v) * (1 + 2 * (depth + 1)) + 1 + 2 * depth
    else:
        return None if isinstance(v, float) or (
            isinstance(v, int) and not -_EXACT_INT < v < _EXACT_INT) else 0
    for item in items:
        if isinstance(item, (dict, list)):
            more = _pretty_extra(item, depth + 1)
            if more is None:
                return None
            extra += more
        elif isinstance(item, float) or (
                isinstance(item, int) and not -_EXACT_INT < item < _EXACT_INT):
            return None
    return extra


_INDEX_KEY = re.compile(r'0|[1-9][0-9]*')


def _js_keys(d: dict[str, Any]) -> list[str]:
    """Property order of a JS object: array-index keys ascending, then insertion order."""
    idx = [k for k in d if _INDEX_KEY.fullmatch(k) and int(k) < 2 ** 32 - 1]
    if not idx:
        return list(d)
    rest = [k for k in d if k not in set(idx)]
    return sorted(idx, key=int) + rest


def _json_str(s: str) -> str:
    text = json.dumps(s, ensure_ascii=False)
    # JSON.stringify escapes lone surrogates
    return re.sub('[\ud800-\udfff]', lambda m: f'\\u{ord(m.group()):04x}', text)


def _stringify(v: Any, indent: str) -> str:
    if isinstance(v, dict):
        if not v:
            return '{}'
        inner = indent + '  '
        items = [f'{inner}{_json_str(k)}: {_stringify(v[k], inner)}' for k in _js_keys(v)]
        return '{\n' + ',\n'.join(items) + '\n' + indent + '}'
    if isinstance(v, list):
        if not v:
            return '[]'
        inner = indent + '  '
        return '[\n' + ',\n'.join(inner + _stringify(x, inner) for x in v) + '\n' + indent + ']'
    if isinstance(v, str):
        return _json_str(v)
    if v is True:
        return 'true'
    if v is False:
        return 'false'
    if v is None:
        return 'null'
    return _js_number(float(v))


def _js_number(x: float) -> str:
    """ECMAScript Number::toString."""
    if math.isnan(x) or math.isinf(x):
        return 'null'
    if x == 0:
        return '0'
    if x < 0:
        return '-' + _js_number(-x)
    r = repr(x)
    if 'e' in r:
        mant, e = r.split('e')
        point = int(e) + (mant.index('.') if '.' in mant else len(mant))
        digits = mant.replace('.', '')
    else:
        point = r.index('.') if '.' in r else len(r)
        digits = r.replace('.', '')
    stripped = digits.lstrip('0')
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip('0') or '0'
    k, n = len(digits), point
    if k <= n <= 21:
        return digits + '0' * (n - k)
    if 0 < n <= 21:
        return digits[:n] + '.' + digits[n:]
    if -6 < n <= 0:
        return '0.' + '0' * (-n) + digits
    exp = n - 1
    sign = '+' if exp >= 0 else '-'
    if k == 1:
        return f'{digits}e{sign}{abs(exp)}'
    return f'{digits[0]}.{digits[1:]}e{sign}{abs(exp)}'


def _js_str(v: Any) -> str:
    if isinstance(v, list):
        return ','.join(_js_str(x) for x in v)
    if v is None:
        return 'null'
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, (int, float)):
        return _js_number(float(v))
    return str(v)
