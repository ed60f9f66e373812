"""Which packer publishes a package, and its publish list.

Each packer has one module in hooks.publish with ``publish_list(pkg_dir) ->
list[PackedFile]`` and ``MODEL`` (one line naming what it models). Modules
are imported only when their packer is asked for.

The packer is, in this order: ``--packer``; the ``"packguard": {"packer"}``
key of the package's or an enclosing package.json; ``packageManager`` in the
package's or an enclosing package.json (corepack's field); the nearest
lockfile (``pnpm-lock.yaml``, ``bun.lock``/``bun.lockb``, ``yarn.lock`` with
``.yarnrc.yml`` or a yarn 2+ header for yarn 4, ``package-lock.json``); ``engines.npm`` when it
admits only npm 11 or only npm 12 and later. Otherwise npm, version unknown:
then the list judged is the union of what npm 11 and npm 12 would ship, so a
leak checker never misses a file by guessing the version (``npm``). Yarn 1
(a ``yarn.lock`` of version 1) is not modelled: it is judged as
npm, and said so.
"""
from __future__ import annotations

import importlib
import json
import os
import re

from hooks.findings import BadInput
from hooks.reading import open_regular

TYPE_CHECKING = False
if TYPE_CHECKING:  # `typing` would cost start-up time
    import argparse
    from collections.abc import Callable
    from typing import NamedTuple
    from typing import TypeVar

    from hooks.publish.npm import PackedFile

    class Choice(NamedTuple):
        """The packer a package is judged with, and why."""
        packer: str          # one of CHOICES
        why: str             # e.g. 'packageManager "pnpm@9.1.0" in package.json'
        note: str | None = None   # something the user should know about the choice
else:
    from collections import namedtuple

    Choice = namedtuple('Choice', 'packer why note', defaults=(None,))

if TYPE_CHECKING:
    _T = TypeVar('_T')

# name -> module; each module has publish_list() and MODEL
MODULES = {
    'npm@11': 'hooks.publish.npm',
    'npm@12': 'hooks.publish.npm12',
    'pnpm': 'hooks.publish.pnpm',
    'yarn': 'hooks.publish.yarn',
    'bun': 'hooks.publish.bun',
}
PACKERS = tuple(MODULES)
UNION = 'npm'   # npm, version unknown: npm 11 and npm 12 together
CHOICES = (*PACKERS, UNION)

# Looking up for a packageManager or a lockfile stops at the repository root
# (a folder holding .git) or after this many folders.
_MAX_UP = 64

_LOCKFILES = (
    ('pnpm-lock.yaml', 'pnpm'),
    ('bun.lock', 'bun'),
    ('bun.lockb', 'bun'),
    ('yarn.lock', 'yarn'),
    ('package-lock.json', UNION),
    ('npm-shrinkwrap.json', UNION),
)


# Inputs read once per run and shared by the packages of a monorepo (a yarn
# project's workspace list, say): set only inside one_run(), so a long-lived
# process (a test suite) never sees a tree as it was in an earlier run.
RUN_CACHE: dict[object, object] | None = None


class one_run:
    """``with one_run():`` judging several packages of one repository."""

    def __enter__(self) -> None:
        global RUN_CACHE
        from hooks import reading

        self._outer = RUN_CACHE
        self._outer_files = reading.RUN_FILES
        if RUN_CACHE is None:
            RUN_CACHE = {}
        if reading.RUN_FILES is None:
            reading.RUN_FILES = reading.RunFiles()

    def __exit__(self, *exc: object) -> None:
        global RUN_CACHE
        from hooks import reading

        RUN_CACHE = self._outer
        reading.RUN_FILES = self._outer_files


def run_memo(key: tuple[object, ...], compute: Callable[[], _T]) -> _T:
    """``compute()``, kept for the rest of the run under ``key`` (inside
    one_run); outside a run, computed each time."""
    if RUN_CACHE is None:
        return compute()
    if key not in RUN_CACHE:
        RUN_CACHE[key] = compute()
    return RUN_CACHE[key]   # type: ignore[return-value]


# Files a packer takes from outside the package folder (pnpm adds a workspace
# root's LICENSE to a package without one): (package folder, path) -> file.
OUTSIDE: dict[tuple[str, str], str] = {}


def note_not_installed(pkg_dir: str, message: str) -> bool:
    """While judging (inside one_run), a packer refusal that an install would lift
    is kept as a note for the package instead (True); outside, the caller refuses."""
    if RUN_CACHE is None:
        return False
    notes = RUN_CACHE.setdefault(('not-installed', os.path.abspath(pkg_dir)), [])
    assert isinstance(notes, list)
    if message not in notes:
        notes.append(message)
    return True


def not_installed_notes(pkg_dir: str) -> list[str]:
    """The refusals note_not_installed kept for the package at ``pkg_dir``."""
    got = (RUN_CACHE or {}).get(('not-installed', os.path.abspath(pkg_dir)), [])
    return list(got) if isinstance(got, list) else []


def source_path(pkg_dir: str, path: str) -> str:
    """Where the published file ``path`` of the package at ``pkg_dir`` is read from."""
    return OUTSIDE.get((os.path.abspath(pkg_dir), path)) or os.path.join(pkg_dir, path)


def add_packer_argument(parser: argparse.ArgumentParser) -> None:
    """``--packer NAME`` for every command that lists or judges a package."""
    parser.add_argument(
        '--packer', choices=CHOICES, metavar='PACKER',
        help=f'the packer to model: {", ".join(CHOICES)} ("npm": npm 11 and npm 12 '
             'together); default: from "packguard"."packer", packageManager, the lockfile, '
             'engines.npm',
    )


def model(packer: str) -> str:
    """What the packer's model models, e.g. ``npm 11 (npm-packlist 10.0.4)``."""
    if packer == UNION:
        return 'npm 11 and npm 12 together (the union of their lists)'
    text: str = importlib.import_module(MODULES[packer]).MODEL
    return text


def publish_list(pkg_dir: str | os.PathLike[str], packer: str = 'npm@11') -> list[PackedFile]:
    """The files ``packer`` would put in the tarball of ``pkg_dir``."""
    return publish_list_explained(pkg_dir, packer)[0]


def publish_list_explained(
        pkg_dir: str | os.PathLike[str], packer: str,
) -> tuple[list[PackedFile], list[tuple[str, str]]]:
    """The publish list, and for the npm union the files only one npm ships
    (``[(path, 'npm 11' | 'npm 12')]``; empty when both agree)."""
    if packer != UNION:
        module = importlib.import_module(MODULES[packer])
        files: list[PackedFile] = module.publish_list(pkg_dir)
        return files, []
    from hooks.publish.order import sort_npm_json

    old = publish_list(pkg_dir, 'npm@11')
    new = publish_list(pkg_dir, 'npm@12')
    if old == new:
        return old, []
    in_old = {f.path for f in old}
    in_new = {f.path for f in new}
    only = [(f.path, 'npm 11') for f in old if f.path not in in_new]
    only += [(f.path, 'npm 12') for f in new if f.path not in in_old]
    merged = {f.path: f.size for f in new}
    merged.update((f.path, f.size) for f in old)
    from hooks.publish.npm import PackedFile as Packed

    return [Packed(p, s) for p, s in sort_npm_json(list(merged.items()))], only


# -- detection ---------------------------------------------------------------------


def _load(path: str) -> dict[str, object] | None:
    """A JSON object file (package.json), read once per run: every package of a
    monorepo looks up through the same root."""
    return run_memo(('packer-json', path), lambda: _read(path))


def _read(path: str) -> dict[str, object] | None:
    try:
        with open_regular(path) as f:  # never a FIFO's blocking open
            data = json.loads(f.read(1 << 20).decode('utf-8-sig'))
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _position(path: str, key: str) -> tuple[int | None, int | None]:
    """Line and column of ``"key"``'s value in a JSON file (for messages)."""
    try:
        with open_regular(path) as f:  # never a FIFO's blocking open
            text = f.read(1 << 20).decode('utf-8', 'replace')
    except OSError:
        return None, None
    m = re.search(r'"' + re.escape(key) + r'"\s*:\s*', text)
    if not m:
        return None, None
    line = text.count('\n', 0, m.end()) + 1
    return line, m.end() - (text.rfind('\n', 0, m.end()) + 1) + 1


def _folders_up(pkg_dir: str) -> list[str]:
    """``pkg_dir`` and the folders above it, up to the repository root."""
    out = []
    folder = os.path.abspath(pkg_dir)
    for _ in range(_MAX_UP):
        out.append(folder)
        if os.path.exists(os.path.join(folder, '.git')):
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return out


def _shown(folder: str, pkg_dir: str, name: str) -> str:
    rel = os.path.relpath(os.path.join(folder, name), os.path.abspath(pkg_dir))
    return rel.replace(os.sep, '/')


def from_package_manager(value: object, shown: str, path: str) -> Choice:
    """corepack's ``packageManager``: ``name@version[+hash]``."""
    if not isinstance(value, str):
        raise BadInput(shown, '"packageManager" must be a string such as "pnpm@9.1.0"',
                       *_position(path, 'packageManager'))
    m = re.fullmatch(r'\s*(@?[^@\s]+)@(\d+)[^\s]*\s*', value)
    if not m:
        raise BadInput(
            shown, f'"packageManager" must be name@version (corepack refuses {value[:60]!r})',
            *_position(path, 'packageManager'),
        )
    name, major = m.group(1), int(m.group(2)[:6])
    why = f'packageManager "{value[:60]}" in {shown}'
    if name == 'npm':
        return Choice('npm@12' if major >= 12 else 'npm@11', why)
    if name == 'pnpm':
        return Choice('pnpm', why)
    if name == 'bun':
        return Choice('bun', why)
    if name == 'yarn':
        if major >= 2:
            return Choice('yarn', why)
        return Choice(UNION, why, 'yarn 1 is not modelled: judged as npm 11 and npm 12 would '
                                  'pack it (set "packguard": {"packer": ...} to choose)')
    raise BadInput(
        shown, f'"packageManager" names {name!r}, which is none of npm, pnpm, yarn, bun',
        *_position(path, 'packageManager'),
    )


def _berry_lockfile(path: str) -> bool:
    """yarn 2+ lockfiles carry ``__metadata:``; yarn 1's say ``# yarn lockfile v1``."""
    try:
        with open_regular(path) as f:  # never a FIFO's blocking open
            head = f.read(4096)
    except OSError:
        return False
    return b'__metadata:' in head


def _engines_npm(range_: object) -> str | None:
    """npm@11 or npm@12 when an ``engines.npm`` range admits only one side."""
    if not isinstance(range_, str):
        return None
    text = range_.strip()
    m = re.fullmatch(r'(?:>=|\^|~|=)?\s*v?(\d+)(?:\.[\dxX*]+)*(?:\.[\dxX*]+)?', text)
    if m is None:
        return None
    major = int(m.group(1)[:6])
    if text.startswith('>='):
        return 'npm@12' if major >= 12 else None
    return 'npm@12' if major >= 12 else 'npm@11' if major == 11 else None


def choose(pkg_dir: str | os.PathLike[str], given: str | None = None,
           own: dict[str, object] | None = None) -> Choice:
    """The packer of the package at ``pkg_dir`` (see the module docstring);
    ``own``, when given, is its package.json as already read."""
    if given:
        return Choice(given, '--packer')
    d = os.fspath(pkg_dir)
    folders = _folders_up(d)
    manifests = [(f, own if i == 0 and own is not None else
                  _load(os.path.join(f, 'package.json'))) for i, f in enumerate(folders)]
    for folder, manifest in manifests:
        config = manifest.get('packguard') if manifest else None
        chosen = config.get('packer') if isinstance(config, dict) else None
        if chosen is not None:
            shown = _shown(folder, d, 'package.json')
            if chosen not in CHOICES:
                line, col = _position(os.path.join(folder, 'package.json'), 'packer')
                raise BadInput(shown, f'"packguard"."packer" must be one of '
                                      f'{", ".join(CHOICES)}', line, col)
            return Choice(str(chosen), f'"packguard"."packer" in {shown}')
    for folder, manifest in manifests:
        if manifest and 'packageManager' in manifest:
            return from_package_manager(manifest['packageManager'],
                                        _shown(folder, d, 'package.json'),
                                        os.path.join(folder, 'package.json'))
    for folder in folders:
        for name, packer in _LOCKFILES:
            if not os.path.isfile(os.path.join(folder, name)):
                continue
            why = f'{_shown(folder, d, name)}'
            if name == 'yarn.lock':
                if os.path.isfile(os.path.join(folder, '.yarnrc.yml')):
                    return Choice('yarn', f'{why} with .yarnrc.yml')
                if _berry_lockfile(os.path.join(folder, name)):
                    return Choice('yarn', f'{why} (a yarn 2+ lockfile)')
                return Choice(UNION, why, 'yarn 1 is not modelled: judged as npm 11 and npm 12 '
                                          'would pack it (set "packguard": {"packer": ...})')
            if packer == UNION:
                break   # npm: the version may still come from engines
            return Choice(packer, why)
        else:
            continue
        break
    for folder, manifest in manifests:
        engines = manifest.get('engines') if manifest else None
        if isinstance(engines, dict) and 'npm' in engines:
            version = _engines_npm(engines['npm'])
            if version:
                return Choice(version, f'engines.npm in {_shown(folder, d, "package.json")}')
    return Choice(UNION, 'nothing names the npm version')
