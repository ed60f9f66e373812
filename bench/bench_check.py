"""Benchmarks of ``packguard check``: the 2.1.88 bar and the top-400 run.

1. ``packguard check --tarball`` on ``@anthropic-ai/claude-code@2.1.88`` and
   ``packguard check`` on its unpacked folder: wall time and peak memory
   (the bars: under 1 s and 100 MB), best and median of ``--repeat`` runs.
2. The tarballs of about 400 of the most downloaded npm packages
   (bench/top-packages.txt), fetched at bench time with ``npm pack`` into
   ``${XDG_CACHE_HOME:-~/.cache}/packguard/top-packages`` (never committed),
   judged by one ``packguard check --format json --tarball ...`` run: the
   findings by rule and severity, every error in full (there must be none),
   and the whole run's time.

    python bench/bench_check.py [--repeat 5] [--skip-top] [--limit N]
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.registry import cache_dir  # noqa: E402
from tests.registry import fetch_tarball  # noqa: E402
from tests.registry import unpacked  # noqa: E402

PACKGUARD = [sys.executable, '-m', 'hooks.cli']
SEED = '@anthropic-ai/claude-code@2.1.88'


def timed(cmd: list[str]) -> tuple[float, int, int, str, float]:
    """(wall seconds, peak RSS in MB, exit code, stdout, CPU seconds) of one run.

    CPU time (user + system, the workers included) is printed beside the
    wall time: on a shared machine it says what an idle one would take.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss // 1024, proc.returncode, out.decode(), cpu


def bench_seed(repeat: int) -> None:
    tgz = fetch_tarball(SEED)
    folder = unpacked(SEED)
    print(f'== {SEED} (best / median of {repeat} runs)')
    for label, cmd in (
            ('check --tarball', [*PACKGUARD, 'check', '--tarball', str(tgz)]),
            ('check <folder>', [*PACKGUARD, 'check', str(folder)]),
    ):
        runs = [timed(cmd) for _ in range(repeat)]
        walls = sorted(r[0] for r in runs)
        mems = sorted(r[1] for r in runs)
        codes = {r[2] for r in runs}
        cpus = sorted(r[4] for r in runs)
        print(f'{label:16} wall {walls[0]:.2f} s / {walls[len(walls) // 2]:.2f} s, '
              f'cpu {cpus[0]:.2f} s / {cpus[len(cpus) // 2]:.2f} s, '
              f'peak memory {mems[-1]} MB, exit {sorted(codes)}')
    print(f'load average: {os.getloadavg()[0]:.1f}')
    print(runs[-1][3].rstrip())


def fetch_top(names: list[str]) -> dict[str, Path]:
    """``npm pack NAME...`` (latest versions) into the cache, 40 names per call."""
    dest = cache_dir('top-packages')
    index_path = dest / 'index.json'
    index: dict[str, str] = {}
    if index_path.exists():
        index = json.loads(index_path.read_text())
    missing = [n for n in names if n not in index or not (dest / index[n]).exists()]
    for i in range(0, len(missing), 40):
        batch = missing[i:i + 40]
        proc = subprocess.run(
            ('npm', 'pack', *batch, '--json', '--ignore-scripts', '--pack-destination', str(dest)),
            capture_output=True, text=True, check=False,
            env={**os.environ, 'NPM_CONFIG_UPDATE_NOTIFIER': 'false'},
        )
        if proc.returncode != 0:  # one bad name fails the batch: go one by one
            for name in batch:
                one = subprocess.run(
                    ('npm', 'pack', name, '--json', '--ignore-scripts',
                     '--pack-destination', str(dest)),
                    capture_output=True, text=True, check=False,
                )
                if one.returncode == 0:
                    index[name] = json.loads(one.stdout)[0]['filename']
                else:
                    print(f'  fetch failed: {name}', file=sys.stderr)
        else:
            for name, entry in zip(batch, json.loads(proc.stdout), strict=True):
                index[name] = entry['filename']
        index_path.write_text(json.dumps(index, indent=1))
        print(f'  fetched {min(i + 40, len(missing))}/{len(missing)}', file=sys.stderr)
    return {n: dest / index[n] for n in names if n in index}


def bench_top(limit: int | None) -> int:
    names = [
        line.strip() for line in (HERE / 'top-packages.txt').read_text().splitlines()
        if line.strip() and not line.startswith('#')
    ][:limit]
    tarballs = fetch_top(names)
    print(f'== top packages: {len(tarballs)} tarballs of {len(names)} names')
    cmd = [*PACKGUARD, 'check', '--format', 'json']
    for t in tarballs.values():
        cmd += ['--tarball', str(t)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    findings = json.loads(proc.stdout)['findings']
    by = collections.Counter((f['rule'], f['severity']) for f in findings)
    for (rule, sev), n in sorted(by.items()):
        packages = len({
            f['package'] for f in findings if (f['rule'], f['severity']) == (rule, sev)
        })
        print(f'  {rule:32} {sev:8} {n:5} findings in {packages} packages')
    errors = [f for f in findings if f['severity'] == 'error']
    for f in errors:
        print(f'  ERROR {f["path"]}: {f["message"]}')
    bad = proc.stderr.strip()
    if bad:
        print('  bad input:\n    ' + bad.replace('\n', '\n    '))
    size = sum(t.stat().st_size for t in tarballs.values())
    print(f'  {len(errors)} errors; exit {proc.returncode}; {wall:.1f} s for '
          f'{len(tarballs)} tarballs ({size / 1e6:.0f} MB packed)')
    return 1 if errors or bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--repeat', type=int, default=5)
    parser.add_argument('--skip-top', action='store_true')
    parser.add_argument('--skip-seed', action='store_true')
    parser.add_argument('--limit', type=int)
    args = parser.parse_args()
    print(f'machine: {os.cpu_count()} cores, python {sys.version.split()[0]}')
    if not args.skip_seed:
        bench_seed(args.repeat)
    if not args.skip_top:
        return bench_top(args.limit)
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
