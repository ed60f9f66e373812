"""Benchmark: ``packguard ls --json`` against ``npm pack --dry-run --json
--ignore-scripts`` and a bare ``os.walk`` of the same tree, each a whole
process, on (a) a ~20-file package, (b) a generated 20,000-file package with
nested folders, a ``files`` array and nested ignore files, (c) the unpacked
``@anthropic-ai/claude-code@2.1.88`` (fetched at run time via tests/registry.py).

    python3 bench/bench_packlist.py [--runs N] [--npm-runs N] [--python PY]

packguard is timed as users install it: by default the script makes a fresh
venv and runs ``pip install .`` into it, and that venv's Python also runs the
os.walk and the floor.  (An editable install is not used: its import hook loads
re, pathlib and more at every Python start-up, which slows the os.walk process
as much as packguard and so flatters the ratio.)

Prints the median wall time of each and the ratios, and a "floor": a Python
process handed packguard's answer that imports json and re (any exact engine
reads package.json and matches globs), lists the folders, stats the published
files and prints them: what any exact Python engine must at least do.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OS_WALK = 'import os,sys\nn=0\nfor _, d, f in os.walk(sys.argv[1]): n += len(f)\nprint(n)'

# The floor for any Python program that must answer with sizes: handed the
# answer (the published files, argv[2]), it still imports what reading
# package.json and matching globs take, lists the folders, stats each file and
# prints path and size; no rules, no collation, no JSON.
KNOWN_ANSWER = '''import os, sys, json, re
root = sys.argv[1]
wanted = set(open(sys.argv[2]).read().split('\\0'))
folders = sorted({os.path.dirname(p) for p in wanted})
out = []
for folder in folders:
    prefix = folder + '/' if folder else ''
    with os.scandir(os.path.join(root, folder)) as it:
        for e in it:
            if prefix + e.name in wanted and e.is_file(follow_symlinks=False):
                out.append(f'{prefix}{e.name} {e.stat(follow_symlinks=False).st_size}')
out.sort()
sys.stdout.write('\\n'.join(out))
'''


def make_small(d: Path) -> Path:
    (d / 'lib').mkdir(parents=True)
    (d / 'test').mkdir()
    (d / 'package.json').write_text(json.dumps({
        'name': 'small', 'version': '1.0.0', 'main': 'lib/index.js',
    }))
    (d / 'README.md').write_text('# small\n')
    (d / 'LICENSE').write_text('MIT\n')
    (d / '.npmignore').write_text('test/\n*.log\n')
    for i in range(12):
        (d / 'lib' / f'mod{i}.js').write_text(f'module.exports = {i}\n')
    for i in range(4):
        (d / 'test' / f't{i}.js').write_text('test\n')
    (d / 'lib' / 'index.js').write_text('module.exports = 1\n')
    return d


def make_big(d: Path, n: int = 20_000) -> Path:
    """Nested folders, a files array, nested .npmignore/.gitignore files."""
    d.mkdir(parents=True, exist_ok=True)
    (d / 'package.json').write_text(json.dumps({
        'name': 'big', 'version': '1.0.0', 'main': 'dist/index.js',
        'files': ['dist', 'lib/', 'types/**/*.d.ts', '!**/*.test.js', 'README.md'],
    }))
    (d / 'README.md').write_text('# big\n')
    (d / 'dist').mkdir()
    (d / 'dist' / 'index.js').write_text('x\n')
    tops = ['dist', 'lib', 'src', 'types', 'test']
    count = 2
    i = 0
    while count < n:
        top = tops[i % len(tops)]
        sub = d / top / f'pkg{i % 40}' / f'mod{(i // 40) % 10}'
        if not sub.exists():
            sub.mkdir(parents=True)
            if (i // 40) % 10 == 3:
                (sub / '.npmignore').write_text('*.map\n!keep.map\n')
                count += 1
            if (i // 40) % 10 == 5:
                (sub / '.gitignore').write_text('*.tmp\n')
                count += 1
        ext = ('.js', '.d.ts', '.js.map', '.test.js', '.json', '.tmp')[i % 6]
        (sub / f'file{i}{ext}').write_text('x' * (i % 50))
        count += 1
        i += 1
    return d


def regular_install(tmp: Path) -> Path:
    """A fresh venv with packguard installed by ``pip install .``; its Python."""
    venv = tmp / 'venv'
    subprocess.run([sys.executable, '-m', 'venv', str(venv)], check=True)
    pip = subprocess.run([str(venv / 'bin' / 'python'), '-m', 'pip', 'install', '-q', str(ROOT)],
                         capture_output=True, text=True, check=False)
    if pip.returncode:
        sys.exit(f'pip install . failed:\n{pip.stderr}')
    return venv / 'bin' / 'python'


def install_kind(python: Path) -> str:
    # run from / so that `-c` does not find this checkout's hooks/ first
    site = subprocess.run([str(python), '-c', 'import hooks; print(hooks.__file__)'], cwd='/',
                          check=True, capture_output=True, text=True).stdout
    return 'regular install' if 'site-packages' in site else 'EDITABLE install (flatters ratios)'


def timeit(cmd: list[str], runs: int, cwd: str | None = None) -> float:
    """Median wall time of the whole process, after one untimed warm-up run.

    Python may write bytecode (to a cache folder, not the repo), as it does in a
    pip-installed packguard; this dev environment sets PYTHONDONTWRITEBYTECODE,
    which would make every run recompile packguard's sources.
    """
    from tests.registry import cache_dir

    env = {**os.environ, 'NPM_CONFIG_UPDATE_NOTIFIER': 'false', 'NPM_CONFIG_LOGLEVEL': 'error',
           'PYTHONPYCACHEPREFIX': str(cache_dir('pycache'))}
    env.pop('PYTHONDONTWRITEBYTECODE', None)
    times = []
    for i in range(runs + 1):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=env)
        if i:
            times.append(time.perf_counter() - t)
    return statistics.median(times)


def machine() -> str:
    cpu = platform.processor() or ''
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass

    def ver(*cmd: str) -> str:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()

    return (f'{os.cpu_count()} cpus ({cpu}), Python {platform.python_version()}, '
            f'node {ver("node", "--version")}, npm {ver("npm", "--version")}')


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', type=int, default=7)
    ap.add_argument('--npm-runs', type=int, default=3)
    ap.add_argument('--python', type=Path,
                    help='a venv Python with packguard installed '
                    '(default: a fresh `pip install .`)')
    args = ap.parse_args()
    from tests.registry import unpacked

    tmp = Path(tempfile.mkdtemp())
    try:
        # absolute, but not resolved: a venv's python is a symlink out of the venv
        python = Path(os.path.abspath(args.python)) if args.python else regular_install(tmp)
        packguard = str(python.with_name('packguard'))
        cases = [
            ('small (~20 files)', make_small(tmp / 'small')),
            ('generated (20,000 files)', make_big(tmp / 'big')),
            ('claude-code 2.1.88 (unpacked)', unpacked('@anthropic-ai/claude-code@2.1.88')),
        ]
        print(f'{machine()}; packguard: {install_kind(python)}')
        print(f'{"package":32} {"packguard":>10} {"npm pack":>10} {"os.walk":>10} '
              f'{"floor":>10} {"npm/pg":>8} {"pg/walk":>8} {"floor/walk":>10}')
        for label, d in cases:
            answer = tmp / 'answer'
            # npm here is npm 11: packguard models npm 11 (the default for a package
            # nothing names a packer for is npm 11 and 12 together: timed below)
            ls = [packguard, 'ls', '--packer', 'npm@11', '--json', str(d)]
            listed = subprocess.run(ls, check=True, capture_output=True, text=True).stdout
            answer.write_text('\0'.join(f['path'] for f in json.loads(listed)[0]['files']))
            pg = timeit(ls, args.runs)
            union = timeit([packguard, 'ls', '--packer', 'npm', '--json', str(d)], args.runs)
            walk = timeit([str(python), '-c', OS_WALK, str(d)], args.runs)
            floor = timeit([str(python), '-c', KNOWN_ANSWER, str(d), str(answer)], args.runs)
            npm = timeit(['npm', 'pack', '--dry-run', '--json', '--ignore-scripts'],
                         args.npm_runs, cwd=str(d))
            print(f'{label:32} {pg * 1000:8.0f}ms {npm * 1000:8.0f}ms {walk * 1000:8.0f}ms '
                  f'{floor * 1000:8.0f}ms {npm / pg:7.1f}x {pg / walk:7.2f}x {floor / walk:9.2f}x'
                  f'   (npm 11+12 union: {union * 1000:.0f}ms, {npm / union:.1f}x)')
    finally:
        shutil.rmtree(tmp)
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
