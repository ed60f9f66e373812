"""Real npm tarballs for tests and benchmarks, fetched at run time into the cache.

Never committed: ``npm pack SPEC`` downloads into
``${XDG_CACHE_HOME:-~/.cache}/packguard/tarballs`` once; :func:`unpacked`
keeps an unpacked copy (the ``package/`` contents) next to it.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path


def cache_dir(*parts: str) -> Path:
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(Path.home(), '.cache')
    d = Path(base, 'packguard', *parts)
    d.mkdir(parents=True, exist_ok=True)
    return d


@contextlib.contextmanager
def locked(name: str) -> Iterator[None]:
    """One test process at a time fills a cache entry (pytest-xdist runs several)."""
    with open(cache_dir('locks') / f'{re.sub(r"[^A-Za-z0-9._-]", "_", name)}.lock', 'w') as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def tarball_name(spec: str) -> str:
    """npm pack's file name for ``name@version`` (``@a/b@1`` -> ``a-b-1.tgz``)."""
    m = re.fullmatch(r'(@?[^@]+)@([^@]+)', spec)
    if not m:
        raise ValueError(f'need an exact name@version, not {spec!r}')
    name, version = m.groups()
    return f"{name.replace('@', '', 1).replace('/', '-')}-{version}.tgz"


def fetch_tarball(spec: str) -> Path:
    """`npm pack SPEC` into the cache (once); the path of the .tgz."""
    dest = cache_dir('tarballs')
    path = dest / tarball_name(spec)
    if path.exists():
        return path
    with locked('tarball-' + path.name), tempfile.TemporaryDirectory(dir=dest) as tmp:
        if path.exists():
            return path
        proc = subprocess.run(
            ('npm', 'pack', spec, '--json', '--ignore-scripts', '--pack-destination', tmp),
            capture_output=True, text=True, check=False,
            env={**os.environ, 'NPM_CONFIG_UPDATE_NOTIFIER': 'false'},
        )
        if proc.returncode != 0:
            raise RuntimeError(f'npm pack {spec} failed: {proc.stderr.strip()[-500:]}')
        filename = json.loads(proc.stdout)[0]['filename']
        os.replace(os.path.join(tmp, filename), path)
    return path


def unpacked(spec: str) -> Path:
    """The package's files (tarball ``package/`` contents) unpacked in the cache."""
    tgz = fetch_tarball(spec)
    dest = cache_dir('unpacked') / tgz.name[:-len('.tgz')]
    if (dest / 'package.json').exists():
        return dest
    with locked('unpacked-' + dest.name):
        if (dest / 'package.json').exists():
            return dest
        return _unpack(tgz, dest)


def _unpack(tgz: Path, dest: Path) -> Path:
    tmp = Path(tempfile.mkdtemp(dir=dest.parent))
    try:
        with tarfile.open(tgz, 'r:gz') as tf:
            for member in tf.getmembers():
                if not (member.isreg() or member.isdir()):
                    continue
                _, _, rel = member.name.partition('/')
                if not rel or rel.startswith('/') or '..' in rel.split('/'):
                    continue
                target = tmp / rel
                if member.isdir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                src = tf.extractfile(member)
                assert src is not None
                with src, open(target, 'wb') as out:
                    shutil.copyfileobj(src, out)
                os.chmod(target, 0o755 if member.mode & 0o111 else 0o644)
        if dest.exists():
            shutil.rmtree(dest)
        os.replace(tmp, dest)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return dest


def installed(label: str, specs: list[str]) -> Path:
    """``npm install SPECS`` (no scripts) into the cache once; its ``node_modules``.

    Every package folder in it is a real published package, as its tarball held it.
    """
    dest = cache_dir('installed', label)
    modules = dest / 'node_modules'
    stamp = dest / 'installed.json'
    if stamp.exists() and json.loads(stamp.read_text()) == specs:
        return modules
    with locked('installed-' + label):
        if stamp.exists() and json.loads(stamp.read_text()) == specs:
            return modules
        return _install(dest, specs, modules, stamp, label)


def _install(dest: Path, specs: list[str], modules: Path, stamp: Path, label: str) -> Path:
    (dest / 'package.json').write_text(json.dumps({'name': f'packguard-{label}', 'private': True}))
    proc = subprocess.run(
        ('npm', 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', *specs),
        cwd=dest, capture_output=True, text=True, check=False,
        env={**os.environ, 'NPM_CONFIG_UPDATE_NOTIFIER': 'false'},
    )
    if proc.returncode != 0:
        raise RuntimeError(f'npm install failed: {proc.stderr.strip()[-500:]}')
    stamp.write_text(json.dumps(specs))
    return modules
