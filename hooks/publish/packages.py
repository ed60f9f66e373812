"""Finding the publishable npm packages of a repository.

A repository's packages are its root package (the folder's ``package.json``)
and the workspaces it declares: ``"workspaces": [...]`` or
``"workspaces": {"packages": [...]}`` in package.json (npm, yarn, bun),
``packages:`` in ``pnpm-workspace.yaml``, and ``"packages"`` in
``lerna.json``. Workspace patterns are globs
relative to the root (``packages/*``, ``apps/**``, ``!**/test/**``), expanded
the way @npmcli/map-workspaces does: case-sensitive, never inside
``node_modules``, a ``!`` pattern removing what earlier ones added. A folder
without ``package.json`` at the top is searched for its outermost packages
(each with its own workspaces), so a repository that keeps its package in
``js/`` works too.

``"private": true`` packages are never published: they are returned as
:class:`Skipped` so a verbose run can say so. ``publishConfig.directory``
(pnpm, yarn, lerna: publish a sub-folder such as ``dist``) is honoured: the
package is judged from that folder.
"""
from __future__ import annotations

import os
from collections.abc import Iterator

from hooks.findings import BadInput
from hooks.publish.npm import read_manifest
from hooks.publish.patterns import brace_expand
from hooks.publish.workspaces import PRUNED_FOLDERS
from hooks.publish.workspaces import compiled_workspaces
from hooks.publish.workspaces import picked

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
    from typing import NamedTuple
else:
    from hooks.records import NamedTuple


class Package(NamedTuple):
    """A package to judge: ``dir`` holds its package.json, ``publish_dir``
    the files npm would pack (``dir`` unless publishConfig.directory says)."""
    dir: str
    publish_dir: str
    manifest: dict[str, Any]

    @property
    def name(self) -> str:
        name = self.manifest.get('name')
        return name if isinstance(name, str) and name else os.path.basename(
            os.path.abspath(self.dir))

    @property
    def label(self) -> str:
        version = self.manifest.get('version')
        return f'{self.name}@{version}' if isinstance(version, str) else self.name


class Skipped(NamedTuple):
    dir: str
    name: str
    reason: str


def _rel(path: str, root: str) -> str:
    rel = os.path.relpath(path, root).replace(os.sep, '/')
    return '' if rel == '.' else rel


def _max_depth(patterns: list[str]) -> int | None:
    """How deep a walk must go for the patterns; None when ``**`` means no limit."""
    depth = 0
    for p in patterns:
        for q in brace_expand(p.lstrip('!')):
            parts = [s for s in q.strip().strip('/').split('/') if s not in ('', '.')]
            if '**' in parts:
                return None
            depth = max(depth, len(parts))
    return depth


def _folders(root: str, max_depth: int | None) -> Iterator[str]:
    """Relative paths of folders under ``root`` (never node_modules or VCS folders)."""
    stack = [('', 0)]
    while stack:
        rel, depth = stack.pop()
        if max_depth is not None and depth >= max_depth:
            continue
        try:
            entries = list(os.scandir(os.path.join(root, rel) if rel else root))
        except OSError:
            continue
        for e in sorted(entries, key=lambda e: e.name, reverse=True):
            if e.name in PRUNED_FOLDERS:
                continue
            try:
                if not e.is_dir(follow_symlinks=False):
                    continue
            except OSError:
                continue
            sub = f'{rel}/{e.name}' if rel else e.name
            yield sub
            stack.append((sub, depth + 1))


def _pnpm_packages(path: str) -> list[str] | None:
    """The ``packages:`` list of a pnpm-workspace.yaml (block or flow style).

    A minimal reader: pnpm-workspace.yaml keeps ``packages`` as a plain list
    of quoted or bare strings; tests/packages_test.py checks it against
    PyYAML on the forms pnpm documents.
    """
    shown = os.path.basename(path)
    from hooks.reading import read_bounded

    try:
        lines = read_bounded(path).decode('utf-8-sig').splitlines()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        raise BadInput(shown, f'cannot read: {getattr(e, "strerror", None) or e}') from None

    def scalar(text: str, lineno: int) -> str:
        text = _strip_comment(text).strip()
        if len(text) >= 2 and text[0] == text[-1] and text[0] in '\'"':
            return text[1:-1]
        if text[:1] in ('\'', '"'):
            raise BadInput(shown, 'unterminated quoted string', lineno)
        return text

    out: list[str] = []
    in_packages = False
    for lineno, raw in enumerate(lines, 1):
        line = _strip_comment(raw).rstrip()
        if not line.strip() or line.strip() == '---':
            continue
        if not line[0].isspace() and not line.startswith('-'):
            key, sep, rest = line.partition(':')
            in_packages = key.strip().strip('\'"') == 'packages' and bool(sep)
            rest = rest.strip()
            if in_packages and rest:
                if not (rest.startswith('[') and rest.endswith(']')):
                    raise BadInput(shown, '"packages" must be a list', lineno)
                body = rest[1:-1].strip()
                return [scalar(x, lineno) for x in body.split(',') if x.strip()] if body else []
            continue
        if in_packages:
            item = line.strip()
            if not item.startswith('-'):
                raise BadInput(shown, '"packages" must be a list of globs', lineno)
            value = scalar(item[1:], lineno)
            if value:
                out.append(value)
    return out


def _strip_comment(line: str) -> str:
    quote = ''
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = ''
        elif c in '\'"':
            quote = c
        elif c == '#' and (i == 0 or line[i - 1].isspace()):
            return line[:i]
    return line


def workspace_patterns(pkg_dir: str, manifest: dict[str, Any]) -> list[str]:
    """The workspace globs a package root declares (package.json, then pnpm)."""
    ws = manifest.get('workspaces')
    if isinstance(ws, dict):
        ws = ws.get('packages')
    patterns = [p for p in ws if isinstance(p, str)] if isinstance(ws, list) else []
    pnpm = _pnpm_packages(os.path.join(pkg_dir, 'pnpm-workspace.yaml'))
    for p in (pnpm or []) + _lerna_packages(pkg_dir):
        if p not in patterns:
            patterns.append(p)
    return patterns


def _lerna_packages(pkg_dir: str) -> list[str]:
    """The ``packages`` globs of a lerna.json (lerna's default is ``packages/*``)."""
    import json

    from hooks.reading import loads
    from hooks.reading import read_bounded

    path = os.path.join(pkg_dir, 'lerna.json')
    try:
        data = loads(read_bounded(path).decode('utf-8-sig'), 'lerna.json')
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as e:
        raise BadInput('lerna.json', f'cannot read: {getattr(e, "strerror", None) or e}') from None
    except json.JSONDecodeError as e:
        raise BadInput('lerna.json', f'invalid JSON: {e.msg}', e.lineno, e.colno) from None
    if not isinstance(data, dict):
        return []
    if 'packages' not in data:
        return [] if data.get('useWorkspaces') else ['packages/*']
    packages = data['packages']
    return [p for p in packages if isinstance(p, str)] if isinstance(packages, list) else []


def expand_workspaces(pkg_dir: str, patterns: list[str]) -> list[str]:
    """Folders (relative to ``pkg_dir``, sorted) matched by workspace globs
    that hold a package.json."""
    if not patterns:
        return []
    compiled = compiled_workspaces(patterns)
    found = set()
    for rel in _candidate_folders(pkg_dir, patterns):
        if picked(rel, compiled) and os.path.isfile(os.path.join(pkg_dir, rel, 'package.json')):
            found.add(rel)
    return sorted(found)


_MAGIC = frozenset('*?[]{}()!+@\\')


def _candidate_folders(root: str, patterns: list[str]) -> Iterator[str]:
    """What :func:`_folders` yields that a glob could pick, listing only where the
    globs' literal folders lead ('packages/*' lists packages/ only): the literal
    folders themselves (as listed, real folders), then the walk below them."""
    starts: dict[tuple[str, ...], int | None] = {}
    for p in patterns:
        if p.startswith('!'):
            continue   # a negation picks nothing
        for q in brace_expand(p):
            parts = [s for s in q.strip().strip('/').split('/') if s not in ('', '.')]
            prefix: list[str] = []
            for part in parts[:-1]:
                if part == '..' or not _MAGIC.isdisjoint(part):
                    break
                prefix.append(part)
            depth = None if '**' in parts else len(parts)
            key = tuple(prefix)
            old = starts.get(key, 0)
            starts[key] = None if old is None or depth is None else max(old, depth)
    top = starts.get(())
    if () in starts and all(top is None or (d is not None and d <= top)
                            for d in starts.values()):
        yield from _folders(root, top)   # the walk from the top meets all the others do
        return
    for literal, depth in starts.items():
        rel = ''
        for part in literal:
            here = os.path.join(root, rel) if rel else root
            try:
                if part in PRUNED_FOLDERS or part not in os.listdir(here):
                    break
            except OSError:
                break
            rel = f'{rel}/{part}' if rel else part
            full = os.path.join(root, rel)
            if os.path.islink(full) or not os.path.isdir(full):
                break
            yield rel
        else:
            below = None if depth is None else depth - len(literal)
            for sub in _folders(os.path.join(root, rel) if rel else root, below):
                yield f'{rel}/{sub}' if rel else sub


# -- packages ----------------------------------------------------------------------


def unpublished_reason(manifest: dict[str, Any]) -> str | None:
    """Why npm would never publish this package (an app, most often), or None."""
    if manifest.get('private') is True:
        return 'is private ("private": true), npm never publishes it'
    missing = [f'"{k}"' for k in ('name', 'version')
               if not (isinstance(manifest.get(k), str) and manifest[k])]
    if missing:  # npm pack: "Invalid package, must have name and version"
        return f'has no {" or ".join(missing)}, so npm refuses to publish it'
    return None


def _package(pkg_dir: str, manifest: dict[str, Any]) -> Package | Skipped:
    shown = display_prefix(pkg_dir).rstrip('/') or '.'
    name = manifest.get('name')
    name = name if isinstance(name, str) and name else shown
    reason = unpublished_reason(manifest)
    if reason is not None:
        return Skipped(pkg_dir, name, reason)
    publish_dir = pkg_dir
    config = manifest.get('publishConfig')
    directory = config.get('directory') if isinstance(config, dict) else None
    if isinstance(directory, str) and directory.strip() not in ('', '.'):
        publish_dir = os.path.normpath(os.path.join(pkg_dir, directory.strip()))
        if not os.path.isfile(os.path.join(publish_dir, 'package.json')):
            return Skipped(
                pkg_dir, name,
                f'publishes publishConfig.directory "{directory}", which is not built yet',
            )
    return Package(pkg_dir, publish_dir, manifest)


def display_prefix(folder: str) -> str:
    """``folder`` as shown before a package's paths: as the user named it when
    absolute, else relative to the current folder."""
    if os.path.isabs(folder):
        return os.path.normpath(folder).rstrip('/') + '/'
    rel = _rel(os.path.abspath(folder), os.getcwd())
    return f'{rel}/' if rel else ''


# Looking up for the repository root stops after this many folders.
_MAX_UP = 64


def repository_root(start: str = '.') -> str:
    """The folder whole-repository commands judge, wherever the user stands:
    the nearest folder up holding ``.git`` (a git work tree or submodule), else
    the outermost folder up holding a package.json, else ``start``. Returned
    relative to the current folder when ``start`` is relative (paths then print
    relative to where the user stands)."""
    here = os.path.abspath(start)
    folder = here
    outermost = None
    for _ in range(_MAX_UP):
        if os.path.exists(os.path.join(folder, '.git')):
            outermost = folder
            break
        if os.path.isfile(os.path.join(folder, 'package.json')):
            outermost = folder
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    found = outermost or here
    if os.path.isabs(start):
        return found
    return os.path.relpath(found) if found != os.getcwd() else '.'


def repository_folders(start: str = '.') -> list[str]:
    """The package folders whole-repository commands start from: the
    repository root when it holds a package.json, else the outermost packages
    below it (each stands for its workspaces too)."""
    root = repository_root(start)
    if os.path.isfile(os.path.join(root, 'package.json')):
        return [root]
    return outermost_packages(root) or [root]


# A change to one of these files can change what every package below its
# folder publishes (ignore files, manifests, workspace lists, packer config).
_AFFECTS_BELOW = frozenset((
    '.npmignore', '.gitignore', 'package.json', 'pnpm-workspace.yaml', 'lerna.json',
    '.yarnrc.yml', 'bunfig.toml', '.npmrc', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock',
    'bun.lockb', 'package-lock.json', 'npm-shrinkwrap.json', '.packguard-baseline.json',
))


def affected(packages: list[Package | Skipped], files: list[str]) -> list[Package | Skipped]:
    """The packages (in order) that a change to ``files`` can affect: a file
    inside a package (or its publishConfig.directory); an ignore file,
    package.json, workspace list, lockfile or packer config in a folder at or
    above a package. A skipped package (private, no name) only for a change to
    its own package.json."""
    inside: list[str] = []
    above: list[str] = []
    for f in files:
        full = os.path.abspath(f)
        inside.append(full)
        if os.path.basename(full) in _AFFECTS_BELOW:
            above.append(os.path.dirname(full))
    out: list[Package | Skipped] = []
    manifests = {os.path.dirname(f) for f in inside if os.path.basename(f) == 'package.json'}
    for pkg in packages:
        if isinstance(pkg, Skipped):
            # only its own package.json can change that it is skipped (said with -v)
            if os.path.abspath(pkg.dir) in manifests:
                out.append(pkg)
            continue
        dirs = [os.path.abspath(pkg.dir)]
        if isinstance(pkg, Package) and pkg.publish_dir != pkg.dir:
            dirs.append(os.path.abspath(pkg.publish_dir))
        hit = any(f.startswith(d + os.sep) for f in inside for d in dirs) or any(
            d == a or d.startswith(a.rstrip(os.sep) + os.sep) for a in above for d in dirs)
        if hit:
            out.append(pkg)
    return out


def affected_packages(
        files: list[str], root: str,
) -> tuple[list[Package | Skipped], list[BadInput]] | None:
    """What :func:`affected` says of every package found from ``root`` (the
    repository root), found without finding every package: only the
    package.json files up from each file are read. None when a file needs the
    full search: one of ``_AFFECTS_BELOW``, one below a package.json that is
    neither the root package nor one of its workspaces (perhaps another
    package's publishConfig.directory, or a fixture), or a repository whose root
    has no package.json (any of its outermost packages could be another's
    publishConfig.directory). Not seen here: a publishConfig.directory that is
    the root or another workspace's own folder (two packages publishing one
    folder), which the full check (no file arguments) judges."""
    if any(os.path.basename(f) in _AFFECTS_BELOW for f in files):
        return None
    top = os.path.abspath(root)
    if not os.path.isfile(os.path.join(top, 'package.json')):
        return None
    errors: list[BadInput] = []
    try:
        patterns = workspace_patterns(top, read_manifest(top))
    except BadInput:   # the full search says what is wrong
        return None
    compiled = compiled_workspaces(patterns)
    depth = _max_depth(patterns)
    met: set[str] = set()
    for f in files:
        full = os.path.abspath(f)
        if not full.startswith(top + os.sep):
            return None
        below = os.path.dirname(full)[len(top):].split(os.sep)[1:]
        linked = False
        for i in range(1, len(below) + 1):
            folder = os.path.join(top, *below[:i])
            linked = linked or os.path.islink(folder)
            if not os.path.isfile(os.path.join(folder, 'package.json')):
                continue
            rel = '/'.join(below[:i])
            if (linked or any(p in PRUNED_FOLDERS for p in below[:i]) or
                    (depth is not None and i > depth) or not picked(rel, compiled)):
                return None
            met.add(rel)
    out: list[Package | Skipped] = []
    for rel in ['', *sorted(met)]:
        folder = os.path.join(top, rel) if rel else top
        try:
            pkg = _package(_shown_dir(folder, root), read_manifest(folder))
        except BadInput as e:
            errors.append(e.under(display_prefix(folder)))
            continue
        if isinstance(pkg, Package):
            out.append(pkg)
    return affected(out, files), errors


def _shown_dir(folder: str, root: str) -> str:
    """``folder`` (absolute) as find_packages names it from ``root``."""
    if os.path.isabs(root):
        return folder
    rel = os.path.relpath(folder, os.path.abspath(root))
    return root if rel == '.' else os.path.join(root, rel)


def packages_in(pkg_dir: str) -> tuple[list[Package | Skipped], list[BadInput]]:
    """The package at ``pkg_dir`` and its workspaces, in order."""
    out: list[Package | Skipped] = []
    errors: list[BadInput] = []
    try:
        manifest = read_manifest(pkg_dir)
    except BadInput as e:
        return [], [e.under(display_prefix(pkg_dir))]
    out.append(_package(pkg_dir, manifest))
    try:
        patterns = workspace_patterns(pkg_dir, manifest)
    except BadInput as e:
        return out, [e.under(display_prefix(pkg_dir))]
    for rel in expand_workspaces(pkg_dir, patterns):
        ws_dir = os.path.join(pkg_dir, rel)
        try:
            out.append(_package(ws_dir, read_manifest(ws_dir)))
        except BadInput as e:
            errors.append(e.under(display_prefix(ws_dir)))
    return out, errors


def outermost_packages(root: str) -> list[str]:
    """Folders holding a package.json with none above them (below ``root``)."""
    found = []
    stack = [root]
    while stack:
        d = stack.pop()
        try:
            entries = list(os.scandir(d))
        except OSError:
            continue
        if any(e.name == 'package.json' and e.is_file() for e in entries):
            found.append(d)
            continue
        for e in sorted(entries, key=lambda e: e.name, reverse=True):
            if e.name in PRUNED_FOLDERS or e.name.startswith('.'):
                continue
            try:
                if e.is_dir(follow_symlinks=False):
                    stack.append(e.path)
            except OSError:
                continue
    return sorted(found)


def find_packages(
        paths: list[str] | None = None, *, root: str = '.',
) -> tuple[list[Package | Skipped], list[BadInput]]:
    """Every package to judge, each once.

    With ``paths`` (package folders), those packages and their workspaces;
    without, the package at ``root`` and its workspaces, or, when ``root``
    has no package.json, the outermost packages below it.
    """
    out: list[Package | Skipped] = []
    errors: list[BadInput] = []
    if paths:
        dirs = []
        for p in paths:
            if not os.path.isdir(p):
                errors.append(BadInput(p, 'no such package folder'))
            else:
                dirs.append(p)
    elif os.path.exists(os.path.join(root, 'package.json')):
        dirs = [root]
    else:
        dirs = outermost_packages(root)
    seen: set[str] = set()
    for d in dirs:
        found, errs = packages_in(d)
        errors.extend(errs)
        for pkg in found:
            key = os.path.realpath(pkg.dir)
            if key not in seen:
                seen.add(key)
                out.append(pkg)
    return out, errors
