"""Whether a package's build output is deployed: who would ever see its maps.

npm publishes a public package's files; a site or app serves its output folder.
Neither happens to a bundler's own ``playground/`` app, a test fixture, an
example, an e2e app, a private library compiled with tsc, or a package that no
workspace of the repository builds for release.  The user has the last word in
package.json: ``"packguard": {"deployed": true}`` (or ``false``).
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any
from typing import NamedTuple

# folder names (any level between the repository root and the package) that hold
# apps built for tests, examples or demos of the repository's real packages
TEST_FOLDERS = frozenset((
    'test', 'tests', '__tests__', 'spec', 'specs', 'e2e', '__e2e__', 'cypress', 'playwright',
    'fixture', 'fixtures', '__fixtures__', 'test-fixtures', 'testdata', 'test-data',
    'example', 'examples', 'playground', 'playgrounds', 'sandbox', 'sandboxes',
    'integration', 'integrations', 'integration-tests', 'bench', 'benchmark', 'benchmarks',
    '.test',
))
# ... and folder names ending so (Nx puts an app's e2e app beside it as app-e2e)
TEST_SUFFIXES = ('-e2e', '-test', '-tests', '-example', '-examples', '-playground',
                 '-fixture', '-fixtures', '-sandbox', '-demo-e2e')
# tools that compile libraries (or Node servers) file by file: a private package
# built with one of them is neither published nor served to browsers
LIBRARY_TOOLS = frozenset(('tsc', 'babel', 'swc', 'tsup', 'unbuild', 'microbundle'))

_MAX_UP = 40


class Deployment(NamedTuple):
    deployed: bool | None   # True/False when known; None: judge by publishing as usual
    why: str                # why not deployed (empty when deployed or unknown)


def setting(manifest: dict[str, Any] | None) -> bool | None:
    """package.json ``"packguard": {"deployed": true|false}``; None when unset."""
    pg = (manifest or {}).get('packguard')
    value = pg.get('deployed') if isinstance(pg, dict) else None
    return value if isinstance(value, bool) else None


def test_folder(rel: str) -> str | None:
    """The folder of ``rel`` (a package folder relative to the repository root) that
    marks it as a test, example or playground app, or None."""
    for part in rel.replace(os.sep, '/').split('/'):
        low = part.lower()
        if low in TEST_FOLDERS or low.endswith(TEST_SUFFIXES):
            return part
    return None


def repository_root(project_dir: str) -> str:
    """The nearest folder up holding .git, else the outermost holding a package.json."""
    folder = os.path.abspath(project_dir)
    outermost = folder
    for _ in range(_MAX_UP):
        if os.path.exists(os.path.join(folder, '.git')):
            return folder
        if os.path.isfile(os.path.join(folder, 'package.json')):
            outermost = folder
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return outermost


@lru_cache(maxsize=64)
def _workspaces(root: str) -> frozenset[str] | None:
    """The absolute workspace folders the root package.json (or pnpm-workspace.yaml)
    names; None when the root is no monorepo."""
    from hooks.configs import read_json_file
    from hooks.findings import BadInput
    from hooks.publish.packages import expand_workspaces
    from hooks.publish.packages import workspace_patterns
    path = os.path.join(root, 'package.json')
    try:
        manifest = read_json_file(path, 'package.json', json5=False) \
            if os.path.isfile(path) else {}
        patterns = workspace_patterns(root, manifest if isinstance(manifest, dict) else {})
        if not patterns:
            return None
        return frozenset(os.path.normpath(os.path.join(root, rel))
                         for rel in expand_workspaces(root, patterns))
    except (BadInput, OSError, ValueError):
        return None


def deployment(
        project_dir: str, manifest: dict[str, Any] | None, tool: str, *, unpublished: bool,
        app: bool,
) -> Deployment:
    """Is the output of ``tool`` in ``project_dir`` deployed (or published)?"""
    explicit = setting(manifest)
    if explicit is not None:
        return Deployment(explicit, '' if explicit else
                          'package.json says "packguard": {"deployed": false}')
    here = os.path.normpath(os.path.abspath(project_dir))
    root = repository_root(here)
    rel = os.path.relpath(here, root).replace(os.sep, '/')
    if rel != '.':
        folder = test_folder(rel)
        if folder is not None:
            return Deployment(False, f'it is a test or example app (under {folder}/)')
        members = _workspaces(root)
        if members is not None and here not in members:
            return Deployment(False, 'it is outside every workspace of the repository')
    if unpublished and not app and tool in LIBRARY_TOOLS:
        return Deployment(False, f'it is a private package compiled with {tool}, '
                                 'neither published nor served')
    return Deployment(None, '')


@lru_cache(maxsize=64)
def workspace_names(root: str) -> dict[str, str]:
    """Package name -> folder of the repository's workspace packages (what the package
    manager links into node_modules on install)."""
    from hooks.configs import read_json_file
    from hooks.findings import BadInput
    out: dict[str, str] = {}
    for folder in sorted(_workspaces(root) or ()):
        try:
            data = read_json_file(os.path.join(folder, 'package.json'), 'package.json',
                                  json5=False)
        except BadInput:
            continue
        name = data.get('name') if isinstance(data, dict) else None
        if isinstance(name, str):
            out.setdefault(name, folder)
    return out
