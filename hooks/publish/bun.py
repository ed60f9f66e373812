"""bun's publish list: what ``bun pm pack`` / ``bun publish`` put in the tarball.

A static model of bun 1.4.5 (src/cli/pack_command.rs, and the glob matcher
src/glob/matcher.rs in :mod:`hooks.publish.bun_glob`), checked against the
real ``bun pm pack`` tarball; where the real bun differs from that source (the
strict excludes of ``files``, ``**/`` with a path, walking into excluded
folders for ``!`` lines, ``.hg``, bin checks, bundled lookups, workspace
versions), the real bun decided and the code says so where it does it.  bun
shares none of npm-packlist's code and little of its semantics, so nothing of
:mod:`hooks.publish.patterns` (minimatch) is used here.  The rules:

- without ``files``: one walk from the root.  Every entry (file or folder) is
  judged by name against bun's defaults (``.git`` and ``.npmrc`` always out;
  ``.hg``, ``.DS_Store``, ``._*``, ``.*.swp``, ``.gitignore``, ``.npmignore``,
  ``.svn``, ``CVS``, ``.lock-wscript``, ``.wafpickle-*``, ``npm-debug.log``,
  ``.env.production``, ``bunfig.toml`` out unless an ignore line negates
  them), then by the ``.npmignore`` (else ``.gitignore``) of the root and of
  every folder down to it, the last matching line winning.  At the root,
  README*/LICENSE*/LICENCE* (``NAME`` or ``NAME.x``, case-sensitive on Linux)
  and CHANGELOG* are never excluded, and the lock files always are.  An
  excluded folder is entered only when a later ``!`` line could match inside
  it (its entries then start excluded); the root ``node_modules`` never is,
  deeper ones are walked like any folder;
- with ``files``: entries match ``files`` from the root (a pattern starting
  with ``**/`` matches at any depth); a file that
  matches ships with no default or ignore file consulted (only ``.git``,
  ``.npmrc`` and the root lock files stay out); a folder that matches ships
  whole, under the defaults and the ignore files found inside it (not the
  root's, nor those of the folders above it); ``!`` entries remove, whatever
  their place in the list; a folder that does not match is searched;
- ignore lines: no trimming but git's trailing-space rule; ``**/`` at the
  start matches at any depth; a pattern with a leading or inner ``/`` matches
  the path relative to the ignore file's folder, any other the name alone; a
  trailing ``/`` limits it to folders; matching is case-sensitive and ``*``
  matches dotfiles;
- ``bin`` files (regular files inside the package), or the files of
  ``directories.bin`` (its own ignore files and the defaults only) when
  ``bin`` is absent, ``""`` or ``{}``, ship whatever the other rules say;
- ``bundleDependencies`` ship from ``node_modules`` (the package's, else the
  workspace root's) with the defaults only, and so does every package they
  depend on (found as node does); ``true`` with one not installed is refused;
- symlinks never ship; the tarball holds package.json, then the files in byte
  order, then the bundled files in byte order;
- package.json is re-printed (:mod:`hooks.publish.bun_manifest`: bun's JSON
  printer, ``workspace:`` and ``catalog:`` versions resolved from the
  workspace root): its size is the printed text's.

Where bun refuses a package, :func:`publish_list` raises BadInput with bun's
words: ``package.json: bun refuses to pack: <what bun says>``.
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from typing import Any
from typing import NamedTuple

from hooks.publish import bun_manifest
from hooks.publish.bun_glob import glob_match
from hooks.publish.npm import PackedFile
from hooks.reading import open_regular
from hooks.reading import read_bounded

MODEL = 'bun 1.4.5 (bun pm pack)'

_MAX_DEPTH = 512   # folders deeper than this are not walked (bounded recursion)


def _bad(path: str, message: str) -> Exception:
    from hooks.findings import BadInput

    return BadInput(path, message)


def _too_deep(entry: str | bytes) -> Exception:
    """A walk past _MAX_DEPTH is said, never cut short in silence."""
    shown = os.fsdecode(entry) if isinstance(entry, bytes) else entry
    return _bad(shown, f'folders nested deeper than {_MAX_DEPTH}; not walked, so not judged '
                       '(bun would pack what is below)')


def _refuse(message: str) -> Exception:
    return _bad('package.json', f'bun refuses to pack: {message}')


# -- patterns (pack_command.rs: Pattern::from_utf8, IgnorePatterns) -----------

class Pattern(NamedTuple):
    glob: bytes        # with a leading '!' when negated
    rel_path: bool     # had a leading or inner '/': match the relative path
    dirs_only: bool    # had a trailing '/'
    negated: bool


def parse_pattern(text: bytes) -> Pattern | None:
    """One ignore line or ``files`` entry as bun reads it (None: it means nothing).

    bun 1.4.5 keeps a leading ``**/`` in the glob (the Rust source strips it
    and matches the rest against the name; checked with the real bun:
    ``**/a/b.txt`` matches at any depth, ``**/`` matches every folder and
    ``**//x`` nothing); its ``/`` makes the pattern match the relative path,
    which for ``**/name`` is the same as matching the name at any depth.
    """
    rest = text.lstrip(b'!')
    negated = len(rest) != len(text)
    if not rest:
        return None
    dirs_only = rest.endswith(b'/')
    if dirs_only:
        rest = rest[:-1]
        if not rest:
            return None
    if rest.startswith(b'/'):
        rel = True
        rest = rest[1:]
        if not rest:
            return None
    else:
        slash = rest.find(b'/')
        rel = slash != -1 and slash != len(rest) - 1
    glob = b'!' + rest if negated else rest
    # a `!` after the leading `/` negates too (the matcher reads it; real bun:
    # the files entry "/!a.js" removes a.js)
    return Pattern(glob, rel, dirs_only, negated or rest.startswith(b'!'))


def _trim_trailing_spaces(line: bytes) -> bytes:
    """git's dir.c trim_trailing_spaces: unescaped trailing spaces go."""
    last_space = -1
    i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if c == 0x20:
            if last_space < 0:
                last_space = i
        elif c == 0x5C:
            i += 1
            if i >= n:
                return line
            last_space = -1
        else:
            last_space = -1
        i += 1
    return line[:last_space] if last_space >= 0 else line


def parse_ignore(data: bytes) -> list[Pattern]:
    patterns = []
    for line in data.split(b'\n'):
        if not line or line[0] == 0x23:   # '#'
            continue
        if line.endswith(b'\r'):
            line = line[:-1]
        line = _trim_trailing_spaces(line)
        if not line:
            continue
        p = parse_pattern(line)
        if p is not None:
            patterns.append(p)
    return patterns


class _Ignore(NamedTuple):
    patterns: tuple[Pattern, ...]
    depth: int
    has_rel: bool


_MAX_IGNORE_FILE = 64 << 20   # bytes read of one ignore file


def _read_ignore(abs_dir: bytes, depth: int) -> _Ignore | None:
    """The folder's .npmignore, else its .gitignore (IgnorePatterns::read_from_disk).

    One that exists but cannot be read (a folder) makes bun refuse to pack; a
    UTF-8 byte order mark is dropped (real bun 1.4.5).
    """
    for name in (b'.npmignore', b'.gitignore'):
        path = os.path.join(abs_dir, name)
        try:
            with open_regular(path) as f:   # never a FIFO or device
                data = f.read(_MAX_IGNORE_FILE)
        except FileNotFoundError:
            continue
        except OSError as e:
            code = errno.errorcode.get(e.errno or 0, 'EIO')
            raise _refuse(f'{code}: failed to read {name.decode()} at: '
                          f'"{os.fsdecode(path)}"') from None
        patterns = parse_ignore(data.removeprefix(b'\xef\xbb\xbf'))
        if not patterns:
            return None
        return _Ignore(tuple(patterns), depth, any(p.rel_path for p in patterns))
    return None


# -- the rules (pack_command.rs: is_excluded) --------------------------------

INCLUDED, EXCLUDED, WALKED, NEVER = 0, 1, 2, 3

ROOT_IGNORED = (b'package-lock.json', b'yarn.lock', b'pnpm-lock.yaml', b'bun.lockb', b'bun.lock')
# (name pattern, can an ignore file negate it)
DEFAULT_IGNORED = (
    (b'.*.swp', True),
    (b'._*', True),
    (b'.DS_Store', True),
    (b'.git', False),
    (b'.gitignore', True),
    (b'.hg', True),   # false in the Rust source; an ignore line re-includes it in bun 1.4.5
    (b'.npmignore', True),
    (b'.npmrc', False),
    (b'.lock-wscript', True),
    (b'.svn', True),
    (b'.wafpickle-*', True),
    (b'CVS', True),
    (b'npm-debug.log', True),
    (b'.env.production', True),
    (b'bunfig.toml', True),
)
# bun 1.4.5 keeps these out of `files` matches too (not in the ported source;
# found with the real bun: `files: ["*"]` ships .DS_Store and .hg but never
# .git, .npmrc or a root lock file)
FILES_NEVER = (b'.git', b'.npmrc')


_DEFAULT_NAMES = {p: over for p, over in DEFAULT_IGNORED if not any(c in p for c in b'*?[{')}


def default_hit(name: bytes) -> int:
    """What bun's defaults say of a name: INCLUDED, EXCLUDED (undoable) or NEVER.

    The same as matching DEFAULT_IGNORED in order (a test checks it), without
    the matcher: the patterns are names, ``._*``, ``.wafpickle-*`` and ``.*.swp``.
    """
    over = _DEFAULT_NAMES.get(name)
    if over is not None:
        return EXCLUDED if over else NEVER
    if name.startswith((b'._', b'.wafpickle-')) or (
            len(name) >= 5 and name[0] == 0x2E and name.endswith(b'.swp')):
        return EXCLUDED
    return INCLUDED


def _special(name: bytes, base: bytes) -> bool:
    """``NAME`` or ``NAME.<something>`` (is_special_file_or_variant, Linux)."""
    n = len(base)
    if len(name) == n:
        return name == base
    return len(name) > n + 1 and name[n] == 0x2E and name[:n] == base


def always_included(name: bytes) -> bool:
    """is_unconditionally_included_file: root README/LICENSE/LICENCE (case-sensitive)."""
    return len(name) > 5 and (
        _special(name, b'LICENSE') or _special(name, b'LICENCE') or _special(name, b'README'))


def _rel(subpath: bytes, ign: _Ignore) -> bytes:
    """The path relative to the ignore file's folder (when any line needs it)."""
    rel = subpath
    if ign.has_rel:
        for _ in range(1, ign.depth):
            sep = rel.find(b'/')
            if sep >= 0:
                rel = rel[sep + 1:]
    return rel


def _verdict(
        name: bytes, subpath: bytes, is_dir: bool, depth: int, ignores: tuple[_Ignore, ...],
        inherited: bool = False,
) -> int:
    """is_excluded: INCLUDED, EXCLUDED, WALKED (an excluded folder still walked) or NEVER.

    bun 1.4.5 walks an excluded folder when a ``!`` line after the line that
    excluded it could match something inside it (found with the real bun:
    with ``lib`` then ``!lib/a.js``, ``!*/a.js`` or ``!**/a.js``, lib/a.js
    ships; with ``!a.js`` or ``!zzz/a.js``, or with ``!lib/a.js`` before
    ``lib``, it does not).  ``inherited``: the entry is in such a folder, so
    it starts excluded.
    """
    if depth == 1:
        if always_included(name) or _special(name, b'CHANGELOG'):
            return INCLUDED
        if name in ROOT_IGNORED:
            return NEVER
    default = default_hit(name)
    if default == NEVER:
        return NEVER
    ignored = inherited or default == EXCLUDED
    walk = False
    for ign in ignores:
        rel = _rel(subpath, ign)
        for p in ign.patterns:
            if p.dirs_only and not is_dir:
                continue
            hit = glob_match(p.glob, rel if p.rel_path else name)
            if hit:
                ignored = True
                walk = False
            elif hit is None:
                ignored = False
            elif p.negated and is_dir and p.rel_path and _prefix_reaches(p.glob[1:], rel):
                walk = True
    if not ignored:
        return INCLUDED
    return WALKED if walk else EXCLUDED


def _prefix_reaches(glob: bytes, folder: bytes) -> bool:
    segs = glob.split(b'/')
    parts = folder.split(b'/')
    for i, part in enumerate(parts):
        if i >= len(segs):
            return False
        if b'**' in segs[i]:
            return True
        if not glob_match(segs[i], part):
            return False
    return len(segs) > len(parts)


# -- the walks ----------------------------------------------------------------

def _entries(abs_dir: bytes) -> Iterator[tuple[bytes, bool]]:
    """(name, is folder) of the regular files and folders (symlinks and others skipped)."""
    try:
        with os.scandir(abs_dir) as it:
            items = list(it)
    except OSError:
        return
    for e in items:
        try:
            if e.is_dir(follow_symlinks=False):
                yield e.name, True
            elif e.is_file(follow_symlinks=False):
                yield e.name, False
        except OSError:
            continue


def _join(subpath: bytes, name: bytes) -> bytes:
    return subpath + b'/' + name if subpath else name


class _Pack:
    def __init__(self, root: bytes, bins: list[tuple[bytes, bool]]) -> None:
        self.root = root
        self.files: set[bytes] = set()
        self.bin_files = {p for p, is_dir in bins if not is_dir}
        self.bin_dirs = {p for p, is_dir in bins if is_dir}

    def _abs(self, subpath: bytes) -> bytes:
        return os.path.join(self.root, subpath) if subpath else self.root

    def walk(self, subpath: bytes, depth: int, ignores: tuple[_Ignore, ...], *,
             nm_depth: int, skip_bins: bool) -> None:
        """iterate_project_tree / add_entire_tree from one folder down.

        ``nm_depth``: the depth whose ``node_modules`` is skipped (1: the root
        walk skips any entry of that name; >1: add_entire_tree skips the
        folder at its top; 0: the directories.bin walk skips none).
        """
        stack = [(subpath, depth, ignores, False)]
        while stack:
            sub, d, ign, inherited = stack.pop()
            own = _read_ignore(self._abs(sub), d)
            if own is not None:
                ign = (*ign, own)
            for name, is_dir in _entries(self._abs(sub)):
                entry = _join(sub, name)
                if d == nm_depth and name == b'node_modules' and (is_dir or d == 1):
                    continue
                if d == 1 and name == b'package.json':
                    continue
                verdict = _verdict(name, entry, is_dir, d, ign, inherited)
                if verdict in (NEVER, EXCLUDED):
                    continue
                if is_dir:
                    if skip_bins and entry in self.bin_dirs:
                        continue
                    if d >= _MAX_DEPTH:
                        raise _too_deep(entry)
                    stack.append((entry, d + 1, ign, verdict == WALKED))
                elif verdict == INCLUDED and not (skip_bins and entry in self.bin_files):
                    self.files.add(entry)

    def walk_files(self, includes: list[Pattern], excludes: list[Pattern]) -> None:
        """iterate_included_project_tree: `files` from the root."""
        stack = [(b'', 1)]
        whole: list[tuple[bytes, int]] = []
        while stack:
            sub, d = stack.pop()
            for name, is_dir in _entries(self._abs(sub)):
                entry = _join(sub, name)
                if d == 1 and name in (b'package.json', b'node_modules'):
                    continue
                if name in FILES_NEVER or (d == 1 and name in ROOT_IGNORED):
                    continue
                forced = d == 1 and not is_dir and always_included(name)
                included = forced
                if not included:
                    for p in includes:
                        if p.dirs_only and not is_dir:
                            continue
                        if glob_match(p.glob, entry):
                            included = True
                if included and not forced:
                    for p in excludes:
                        if p.dirs_only and not is_dir:
                            continue
                        if glob_match(p.glob, entry) is None:
                            included = False
                if is_dir and entry in self.bin_dirs:
                    continue
                if not included:
                    if is_dir:
                        if d >= _MAX_DEPTH:
                            raise _too_deep(entry)
                        stack.append((entry, d + 1))
                    continue
                if is_dir:
                    whole.append((entry, d + 1))
                elif entry not in self.bin_files:
                    self.files.add(entry)
        ign: tuple[_Ignore, ...] = ()
        if excludes:
            positive = tuple(p._replace(glob=p.glob[1:], negated=False) for p in excludes)
            ign = (_Ignore(positive, 1, False),)
        for entry, d in whole:
            self.walk(entry, d, ign, nm_depth=d, skip_bins=True)


# -- package.json -------------------------------------------------------------

def _read_manifest(pkg_dir: str) -> tuple[dict[str, Any], bytes]:
    if not os.path.isdir(pkg_dir):
        raise _bad(pkg_dir, 'is a file, not a package folder' if os.path.exists(pkg_dir)
                   else 'no such package folder')
    path = os.path.join(pkg_dir, 'package.json')
    try:
        raw = read_bounded(path)
    except FileNotFoundError:
        raise _refuse('failed to find a package.json') from None
    except OSError as e:
        raise _refuse(f'failed to read package.json: {e.strerror}') from None
    data = _parse_json(raw)
    if not isinstance(data, dict):
        raise _refuse('package.json must have `name` and `version` fields')
    return data, raw


def _parse_json(raw: bytes) -> Any:
    data = _try_json(raw)
    if data is None:
        raise _refuse('ParserError: failed to parse package.json')
    return data


def _try_json(raw: bytes) -> Any:
    """bun reads package.json as JSON with comments and trailing commas (None: it cannot)."""
    try:
        return bun_manifest.parse(raw)
    except (ValueError, RecursionError):
        return None


def _normalize(p: str, *, above_root: bool = True) -> str:
    """bun's path::normalize_buf (posix) as the real bun 1.4.5 shows it: like
    node's path.posix.normalize, but a ``..`` above the start is dropped from
    a relative path (``files: ["../c"]`` ships c) and kept in an absolute one
    (``["/../c"]`` ships nothing); ``above_root=False`` drops it there too, as
    a bin path is joined to the root.

    A backslash is a separator too (`files: ["\\*"]` ships every root entry).
    """
    p = p.replace('\\', '/')
    absolute = p.startswith('/')
    trailing = p.endswith('/')
    parts: list[str] = []
    for seg in p.split('/'):
        if seg in ('', '.'):
            continue
        if seg == '..':
            if parts and parts[-1] != '..':
                parts.pop()
            elif absolute and above_root:
                parts.append('..')
            continue
        parts.append(seg)
    out = '/'.join(parts)
    if not out and not absolute:
        out = '.'
    if out and trailing:
        out += '/'
    return '/' + out if absolute else out


def _bin_path(p: str) -> bytes | None:
    """A bin path joined to the package root (real bun 1.4.5: ``/c.js`` and
    ``../c.js`` are the package's c.js, as npm's ``path.join('/', p)``)."""
    n = _normalize('/' + p, above_root=False).lstrip('/')   # a trailing '/' stays
    return os.fsencode(n) if n else None


def _bins(data: dict[str, Any]) -> list[tuple[bytes, bool]]:
    """get_package_bins: (normalized path, is a folder) of `bin`, else `directories.bin`."""
    out: list[tuple[bytes, bool]] = []
    # an empty `bin` ("" or {}) falls through to directories.bin (real bun 1.4.5)
    if 'bin' in data and data['bin'] not in ('', {}):
        b = data['bin']
        targets = [b] if isinstance(b, str) else list(b.values()) if isinstance(b, dict) else []
        for t in targets:
            path = _bin_path(t) if isinstance(t, str) else None
            if path is not None:
                out.append((path, False))
        return out
    dirs = data.get('directories')
    path = _bin_path(dirs['bin']) if isinstance(dirs, dict) and isinstance(
        dirs.get('bin'), str) else None
    if path is not None and path.rstrip(b'/'):
        out.append((path.rstrip(b'/'), True))
    return out


def _bundled_names(data: dict[str, Any]) -> tuple[list[str], bool]:
    """The bundled names, and whether they are all of ``dependencies`` (``true``)."""
    for key in ('bundledDependencies', 'bundleDependencies'):
        if key not in data:
            continue
        value = data[key]
        if value is True:
            deps = data.get('dependencies')
            return ([k for k in deps] if isinstance(deps, dict) else []), True
        if value is False:
            return [], False
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value), False
        raise _refuse(f'expected `{key}` to be a boolean or an array of strings')
    return [], False


# -- bundled dependencies (iterate_bundled_deps, add_bundled_dep) -------------

def _bundled_files(
        bases: list[bytes], names: list[str], every: bool,
) -> dict[bytes, bytes]:
    """The bundled files: path in the tarball -> the file.

    ``bases``: the package folder, then its workspace root: bun 1.4.5 (found
    with the real bun) looks each name up as ``node_modules/<name>`` in the
    package, else in the workspace root's ``node_modules`` (hoisted), a
    symlinked package followed; with ``true`` a dependency installed in
    neither is an error, a listed name is skipped.
    """
    files: dict[bytes, bytes] = {}
    # a package is placed where it is first found (iterate_bundled_deps: the
    # listed ones first, then the ones they need, last found first)
    placed: set[tuple[bytes, bytes]] = set()
    more: list[tuple[bytes, bytes, bytes]] = []   # (base, folder in base, in the tarball)

    def add(base: bytes, dep: bytes, packed: bytes) -> None:
        for found in _bundle_one(bases, base, dep, packed, files):
            if found[:2] not in placed:
                placed.add(found[:2])
                more.append(found)

    for n in names:
        rel = b'node_modules/' + os.fsencode(n)
        base = next((b for b in bases if os.path.isdir(os.path.join(b, rel))), None)
        if not _package_name(n) or base is None:
            if every:
                raise _refuse(f'bundled dependency "{n}" is not installed')
            continue
        if (base, rel) not in placed:
            placed.add((base, rel))
            add(base, rel, rel)
    while more:
        add(*more.pop())
    return files


def _package_name(name: str) -> bool:
    """A name bun finds among node_modules' entries: ``x`` or ``@scope/x``."""
    parts = name.split('/')
    if len(parts) == 2 and parts[0].startswith('@') and len(parts[0]) > 1:
        parts = parts[1:]
    return len(parts) == 1 and parts[0] not in ('', '.', '..') and not parts[0].startswith('@')


def _bundle_one(
        bases: list[bytes], base: bytes, dep: bytes, packed: bytes, files: dict[bytes, bytes],
) -> list[tuple[bytes, bytes, bytes]]:
    """Adds one bundled package's files; returns the packages it needs."""
    more: list[tuple[bytes, bytes, bytes]] = []
    stack = [(b'', 2)]
    top = True
    while stack:
        sub, d = stack.pop()
        for name, is_dir in _entries(os.path.join(base, dep, sub) if sub else
                                     os.path.join(base, dep)):
            inner = sub + b'/' + name if sub else name
            entry = packed + b'/' + inner
            if top:
                if name == b'package.json' and not is_dir:
                    more.extend(_needed(bases, base, dep, packed))
                if name == b'node_modules':
                    continue
            if _verdict(name, entry, is_dir, d, ()) != INCLUDED:
                continue
            if is_dir:
                if d >= _MAX_DEPTH:
                    raise _too_deep(inner)
                stack.append((inner, d + 1))
            else:
                files.setdefault(entry, os.path.join(base, dep, inner))
        top = False
    return more


def _needed(
        bases: list[bytes], base: bytes, dep: bytes, packed: bytes,
) -> list[tuple[bytes, bytes, bytes]]:
    """The folders of a bundled package's dependencies, as node would find them
    (from the package's own node_modules up, in its base, then in the others),
    each with the path it gets in the tarball.

    bun 1.4.5 lays them out anew (found with the real bun): one in its
    dependent's own node_modules stays there; one found further up goes to the
    top ``node_modules/<name>`` unless the package has a different folder of
    that name there, then inside its dependent's node_modules.
    """
    try:
        with open_regular(os.path.join(base, dep, b'package.json')) as f:
            data = _try_json(f.read(16 << 20))
    except OSError:
        return []
    if not isinstance(data, dict):   # unparsable: bun stops looking there
        return []
    out = []
    for group in ('dependencies', 'optionalDependencies'):
        deps = data.get(group)
        if not isinstance(deps, dict):
            continue
        for name in deps:
            bname = os.fsencode(name)
            found = None
            for other in [base, *(b for b in bases if b != base)]:
                found = found or _find_dep(other, dep, bname)
            if found is None:
                continue
            where, rel = found
            top = b'node_modules/' + bname
            if rel == dep + b'/node_modules/' + bname:
                packed_rel = packed + b'/node_modules/' + bname
            elif (where == bases[0] and rel == top) or not os.path.isdir(
                    os.path.join(bases[0], top)):
                packed_rel = top
            else:
                packed_rel = packed + b'/node_modules/' + bname
            out.append((where, rel, packed_rel))
    return out


def _find_dep(base: bytes, dep: bytes, name: bytes) -> tuple[bytes, bytes] | None:
    cand = dep + b'/node_modules/' + name
    if os.path.isdir(os.path.join(base, cand)):
        return base, cand
    remain = dep
    while True:
        i = remain.rfind(b'node_modules')
        if i < 0:
            return None
        parent = remain[:i + len(b'node_modules')] + b'/' + name
        remain = remain[:i]
        if os.path.isdir(os.path.join(base, parent)):
            return base, parent


# -- the list -----------------------------------------------------------------

def publish_list(pkg_dir: str | os.PathLike[str]) -> list[PackedFile]:
    """The files ``bun pm pack`` puts in the tarball of ``pkg_dir``, in its order."""
    pkg = os.fspath(pkg_dir)
    data, raw = _read_manifest(pkg)
    if 'name' not in data or 'version' not in data:
        raise _refuse('package.json must have `name` and `version` fields')
    if not (isinstance(data['name'], str) and data['name']
            and isinstance(data['version'], str) and data['version']):
        raise _refuse('package.json `name` and `version` fields must be non-empty strings')
    pj_size = bun_manifest.packed_manifest_size(pkg, data, raw)
    names, every = _bundled_names(data)
    root = os.fsencode(os.path.abspath(pkg))
    bins = _bins(data)
    pack = _Pack(root, bins)
    for path, is_dir in bins:
        full = os.path.join(root, path)
        if any(default_hit(seg) == NEVER for seg in path.split(b'/')):
            continue   # real bun 1.4.5: no bin under .git or named .npmrc
        if is_dir:
            if os.path.isdir(full) and not os.path.islink(full):
                pack.walk(path, 2, (), nm_depth=0, skip_bins=False)
        else:
            if path == b'package.json':
                continue
            try:
                if stat.S_ISREG(os.lstat(full).st_mode):
                    pack.files.add(path)
            except OSError:
                pass
    if 'files' in data:
        files = data['files']
        if not (isinstance(files, list) and files and all(isinstance(f, str) for f in files)):
            raise _refuse('expected `files` to be an array of string values')
        includes: list[Pattern] = []
        excludes: list[Pattern] = []
        for entry in files:
            p = parse_pattern(os.fsencode(_normalize(entry)))
            if p is not None:
                (excludes if p.negated else includes).append(p)
        pack.walk_files(includes, excludes)
    else:
        pack.walk(b'', 1, (), nm_depth=1, skip_bins=True)
    bases = [root]
    if names:
        ws_root = os.fsencode(bun_manifest.workspace_root(pkg, data))
        if ws_root != root:
            bases.append(ws_root)
    bundled = _bundled_files(bases, names, every)
    out = [PackedFile('package.json', pj_size)]
    for group in ({p: os.path.join(root, p) for p in pack.files},
                  {p: f for p, f in bundled.items() if p not in pack.files}):
        for path in sorted(group):
            try:
                size = os.stat(group[path]).st_size
            except OSError:
                continue
            out.append(PackedFile(os.fsdecode(path), size))
    return out
