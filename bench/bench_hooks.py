"""Benchmark: the hooks as users wait for them (issue #13), whole processes, in one run.

    python3 bench/bench_hooks.py --monorepo PATH [--runs 7] [--python PY]

- ``PATH`` is a checkout of a real monorepo (the README's figures: babel/babel,
  152 packages, 27,000 files; make one with ``git clone --depth 1
  https://github.com/babel/babel``; it is never committed). Without
  ``--monorepo`` the script clones babel/babel at depth 1 into the cache, where
  the network allows it.
- The small package is chalk, fetched from the npm registry at run time into
  the cache and made a git repository.

Timed (median wall time and median CPU time of ``--runs`` runs after a
warm-up, each a whole process): ``check-npm-publish`` at the monorepo root with
no arguments (every package), with one staged file of one package (as
pre-commit passes it), and at the root of chalk; against the floors, timed
in the same rounds as each row (the commands take turns, so a change of load
meets them alike): a bare ``os.walk`` of the same tree and a bare
``python -S -c pass``, both by the same interpreter. For scale, the last row times a minimal Python
hook on chalk (MINIMAL_HOOK: argparse, package.json, a walk reading every
file once against one pattern). The monorepo is timed twice: as it runs
(its packages shared by one process per CPU, hooks.fanout), and in one
process (``PACKGUARD_JOBS=1``); the CPU time of the first counts every
process.
packguard is timed as users install it (``pip install .`` into a fresh venv);
``--python`` times another environment's Python instead.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_packlist import OS_WALK  # noqa: E402
from bench.bench_packlist import install_kind  # noqa: E402
from bench.bench_packlist import machine  # noqa: E402
from bench.bench_packlist import regular_install  # noqa: E402

BABEL = 'https://github.com/babel/babel'

# The least a Python hook that judges a package's files must do, to put the
# ratios in scale: import argparse, json and re, parse its arguments, read
# package.json, walk the folder (no rules) and read every file once, searching
# it with one pattern. No publish list, no secrets table, no source maps.
MINIMAL_HOOK = '''import argparse, json, os, re, sys
p = argparse.ArgumentParser(prog='minimal-hook')
p.add_argument('paths', nargs='*')
p.add_argument('--format', choices=('text', 'json'), default='text')
args = p.parse_args()
json.loads(open('package.json', 'rb').read())
token = re.compile(rb'npm_[A-Za-z0-9]{36}|sourceMappingURL=')
n = 0
for d, dirs, files in os.walk('.'):
    dirs[:] = [x for x in dirs if x not in ('.git', 'node_modules')]
    for f in files:
        with open(os.path.join(d, f), 'rb') as fh:
            n += token.search(fh.read()) is not None
print(n)
'''


def timeit(cmds: list[tuple[list[str], str, dict[str, str]]],
           runs: int) -> list[tuple[float, float, int]]:
    """For each ``(command, cwd, environment)``: median wall time and median CPU time (user +
    system) of the whole process, and its exit code. The commands take turns,
    one round after another (after one warm-up round), so that a change of load
    on a shared machine meets all of them alike and their ratios hold. CPU time
    is what a loaded machine leaves comparable: wall time there is mostly
    waiting for a core."""
    from tests.registry import cache_dir

    env = {**os.environ, 'PYTHONPYCACHEPREFIX': str(cache_dir('pycache'))}
    env.pop('PYTHONDONTWRITEBYTECODE', None)
    times: list[list[float]] = [[] for _ in cmds]
    cpus: list[list[float]] = [[] for _ in cmds]
    codes = [0] * len(cmds)
    for i in range(runs + 1):
        for k, (cmd, cwd, extra) in enumerate(cmds):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            codes[k] = subprocess.run(cmd, cwd=cwd, check=False, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, env={**env, **extra}).returncode
            if i:
                times[k].append(time.perf_counter() - t)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpus[k].append(after.ru_utime - before.ru_utime +
                               after.ru_stime - before.ru_stime)
    return [(statistics.median(w), statistics.median(c), code)
            for w, c, code in zip(times, cpus, codes, strict=True)]


def chalk(tmp: Path) -> Path:
    from tests.registry import fetch_tarball

    tgz = fetch_tarball('chalk@5.4.1')
    dest = tmp / 'chalk'
    with tarfile.open(tgz) as tf:
        tf.extractall(tmp / 'x', filter='data')
    shutil.move(str(tmp / 'x' / 'package'), dest)
    subprocess.run(['git', 'init', '-q', str(dest)], check=True)
    return dest


def monorepo(path: str | None) -> Path:
    if path:
        return Path(path).resolve()
    from tests.registry import cache_dir

    dest = cache_dir('bench') / 'babel'
    if not (dest / 'package.json').exists():
        subprocess.run(['git', 'clone', '-q', '--depth', '1', BABEL, str(dest)], check=True)
    return dest


def staged_file(repo: Path) -> str:
    """A source file of one workspace package, as pre-commit would pass it."""
    for pkg in sorted((repo / 'packages').iterdir()):
        for name in ('src/index.ts', 'src/index.js', 'lib/index.js', 'index.js'):
            if (pkg / name).is_file():
                return str((pkg / name).relative_to(repo))
    raise SystemExit(f'{repo}: no packages/*/src/index.ts to stage')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--monorepo', metavar='PATH', help='a checkout of a real monorepo')
    parser.add_argument('--runs', type=int, default=7)
    parser.add_argument('--python', help="another environment's Python (default: a fresh "
                                         'venv with pip install .)')
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix='packguard-bench-'))
    try:
        python = Path(args.python) if args.python else regular_install(tmp)
        hook = str(python.parent / 'check-npm-publish')
        mono = monorepo(args.monorepo)
        small = chalk(tmp)
        one = staged_file(mono)
        print(f'machine: {machine()}')
        print(f'packguard: {install_kind(python)} ({python})')
        print(f'monorepo: {mono} ({sum(len(f) for _, _, f in os.walk(mono))} files); '
              f'staged file: {one}')
        start = [str(python), '-S', '-c', 'pass']
        rows = []
        for label, tree, cmd, extra in (
            ('monorepo, every package', mono, [hook], {}),
            ('monorepo, every package, 1 CPU', mono, [hook], {'PACKGUARD_JOBS': '1'}),
            ('monorepo, one staged file', mono, [hook, one], {}),
            ('chalk (one package)', small, [hook], {}),
            ('chalk, a minimal Python hook', small, [str(python), '-c', MINIMAL_HOOK], {}),
        ):
            # each row's floors are timed in the same rounds as its run
            (floor, floor_cpu, _), (walk, walk_cpu, _), (took, took_cpu, code) = timeit(
                [(start, str(tmp), {}),
                 ([str(python), '-c', OS_WALK, str(tree)], str(tree), {}),
                 (cmd, str(tree), extra)], args.runs)
            rows.append((label, code, (took, walk, floor), (took_cpu, walk_cpu, floor_cpu)))
        for what, i in (('wall', 0), ('CPU', 1)):
            print(f'\n{what + " time":31} {"packguard":>10} {"exit":>4} {"os.walk":>9} '
                  f'{"pg/walk":>8} {"-S pass":>8} {"pg/start":>8}')
            for label, code, *both in rows:
                took, walk, floor = both[i]
                print(f'{label:31} {took * 1000:8.0f}ms {code:4d} {walk * 1000:7.0f}ms '
                      f'{took / walk:7.2f}x {floor * 1000:6.1f}ms {took / floor:7.1f}x')
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
