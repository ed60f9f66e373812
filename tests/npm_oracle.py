"""The oracles for publish lists: real npm, and npm's own bundled npm-packlist.

``npm_pack(dir)`` runs ``npm pack --dry-run --json --ignore-scripts`` (the
truth, ~0.4 s a package).  ``bundled_packlist(dirs)`` loads the npm-packlist
and Arborist that the installed npm bundles into ONE node process
(tests/oracle/packlist.js) and lists many folders in a row, so thousands of
hypothesis examples fit in a CI minute; a test shows it equals ``npm pack``.
"""
from __future__ import annotations

import functools
import json
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

ORACLE_JS = Path(__file__).parent / 'oracle' / 'packlist.js'
Listing = list[tuple[str, int]]


@functools.cache
def npm_root() -> str:
    out = subprocess.run(
        ('npm', 'root', '-g'), check=True, capture_output=True, text=True,
    ).stdout.strip()
    return os.path.join(out, 'npm')


def npm_env() -> dict[str, str]:
    # keep npm quiet and offline-safe: no update notifier, no audit, no fund
    return {
        **os.environ,
        'NPM_CONFIG_UPDATE_NOTIFIER': 'false',
        'NPM_CONFIG_AUDIT': 'false',
        'NPM_CONFIG_FUND': 'false',
        'NPM_CONFIG_LOGLEVEL': 'error',
        'NPM_ROOT': npm_root(),
    }


def npm_pack_json(pkg_dir: str | os.PathLike[str]) -> list[dict[str, object]]:
    """`npm pack --dry-run --json --ignore-scripts` in ``pkg_dir``, parsed."""
    proc = subprocess.run(
        ('npm', 'pack', '--dry-run', '--json', '--ignore-scripts'),
        cwd=pkg_dir, capture_output=True, text=True, env=npm_env(), check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f'npm pack failed in {pkg_dir}: {proc.stderr.strip()}')
    data: list[dict[str, object]] = json.loads(proc.stdout)
    return data


def npm_pack(pkg_dir: str | os.PathLike[str]) -> Listing:
    """The files and sizes real npm would publish, in its --json order."""
    files = npm_pack_json(pkg_dir)[0]['files']
    assert isinstance(files, list)
    return [(f['path'], f['size']) for f in files]


def bundled_packlist(dirs: Sequence[str | os.PathLike[str]]) -> list[Listing | str]:
    """npm's bundled npm-packlist over many folders in one node process.

    Returns, per folder, the listing or the error message npm-packlist raised.
    """
    if len(dirs) > 250:  # several node processes, two at a time (CI has 2 cores)
        from concurrent.futures import ThreadPoolExecutor

        chunks = [dirs[i:i + 250] for i in range(0, len(dirs), 250)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            parts = list(pool.map(bundled_packlist, chunks))
        return [listing for part in parts for listing in part]
    if not dirs:
        return []
    proc = subprocess.run(
        ('node', str(ORACLE_JS)),
        input=json.dumps([os.fspath(d) for d in dirs]),
        capture_output=True, text=True, env=npm_env(), check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f'oracle failed: {proc.stderr[-2000:]}')
    out: list[Listing | str] = []
    for line in proc.stdout.splitlines():
        rec = json.loads(line)
        if 'error' in rec:
            out.append(rec['error'])
        else:
            out.append([(f['path'], f['size']) for f in rec['files']])
    assert len(out) == len(dirs), proc.stderr
    return out


ORACLE_MINIMATCH_JS = Path(__file__).parent / 'oracle' / 'minimatch.js'


def minimatch(cases: Sequence[tuple[str, str, bool]]) -> list[bool]:
    """npm's bundled minimatch, with ignore-walk's options, over many cases at once."""
    proc = subprocess.run(
        ('node', str(ORACLE_MINIMATCH_JS)), input=json.dumps(list(cases)),
        capture_output=True, text=True, env=npm_env(), check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f'minimatch oracle failed: {proc.stderr[-2000:]}')
    result: list[bool] = json.loads(proc.stdout)
    return result


ORACLE_ORDER_JS = Path(__file__).parent / 'oracle' / 'order.js'


def npm_order(lists: Sequence[Sequence[str]]) -> list[list[str]]:
    """Each list of paths in npm's ``--json`` order, as the installed npm sorts them."""
    proc = subprocess.run(
        ('node', str(ORACLE_ORDER_JS)), input=json.dumps([list(x) for x in lists]),
        capture_output=True, text=True, env=npm_env(), check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f'order oracle failed: {proc.stderr[-2000:]}')
    result: list[list[str]] = json.loads(proc.stdout)
    return result
