"""Whole-process wall time of forbid-sourcemaps and forbid-env-files on 1,000 staged files.

Builds a temporary git repository with 1,000 staged files (JS bundles, some with
inline maps; source maps; env files and templates; other text), then runs each
hook's console script on exactly the files pre-commit would pass it (the
manifest's `files`/`types`, applied with pre-commit's own Classifier), several
times, and prints the median. The bar: under 300 ms per hook. For context it
also times `pre-commit run <hook> --all-files` end to end, and the hook on the
real 59.8 MB cli.js.map of @anthropic-ai/claude-code@2.1.88 (fetched with npm
pack into the cache, never committed), with its peak memory.

    python bench/bench_forbid_hooks.py [--runs 7] [--no-pre-commit] [--no-big-map]
    python bench/bench_forbid_hooks.py --corpus

--corpus instead scores the reader against real build output: the production
builds of tests/sourcemap_corpus that bench/sourcemap_corpus.py leaves in the
cache (webpack, rspack, Vite, Rollup, esbuild, tsup, tsc, SWC, Babel, Parcel,
Terser, Bun, ...), whose truth.json says whether each build wrote a map file,
an inline map, and embedded sources (oracle: the real bundlers).
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import random
import resource
import statistics
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
BIN = Path(sys.executable).parent


def _rand(rng: random.Random, n: int) -> str:
    return ''.join(rng.choice(string.ascii_letters + string.digits) for _ in range(n))


def _map(rng: random.Random, n_sources: int, body: int) -> str:
    return json.dumps({
        'version': 3,
        'file': 'x.js',
        'sources': [f'../src/m{i}.ts' for i in range(n_sources)],
        'sourcesContent': [_rand(rng, body) for _ in range(n_sources)],
        'names': [_rand(rng, 6) for _ in range(200)],
        'mappings': ';'.join('AAAA,CAAC,EAAE' for _ in range(800)),
    })


def make_repo(root: Path) -> dict[str, int]:
    """1,000 staged files; returns how many of each kind."""
    rng = random.Random(1000)
    files: dict[str, str] = {}
    small_map = _map(rng, 12, 3000)  # ~50 kB, like a real library's map
    js_body = 'var a=' + ';var a='.join(_rand(rng, 40) for _ in range(500)) + ';\n'  # ~24 kB
    inline = base64.b64encode(_map(rng, 3, 1000).encode()).decode()
    for i in range(400):
        text = js_body
        if i % 8 == 0:
            text += f'//# sourceMappingURL=data:application/json;charset=utf-8;base64,{inline}\n'
        else:
            text += f'//# sourceMappingURL=b{i}.js.map\n'
        files[f'packages/p{i % 20}/dist/b{i}.js'] = text
    for i in range(250):
        name = f'packages/p{i % 20}/dist/b{i}.js.map' if i % 5 else f'packages/p{i % 20}/m{i}.json'
        files[name] = small_map
    for i in range(150):
        name = (
            f'services/s{i}/.env' if i % 3 == 0 else
            f'services/s{i}/.env.example' if i % 3 == 1 else
            f'services/s{i}/app.env'
        )
        text = 'DATABASE_URL=postgres://localhost/db\nDEBUG=1\nAPI_KEY=\n' * 5
        if i % 30 == 1:  # a few templates hold a live-looking token
            text += f'GITHUB_TOKEN=ghp_{_rand(rng, 36)}\n'
        files[name] = text
    for i in range(200):
        name = f'docs/d{i}.md' if i % 2 else f'packages/p{i % 20}/src/s{i}.css'
        files[name] = '# doc\n' + 'text ' * 400 + '\n'
    assert len(files) == 1000
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    env = {**os.environ, 'GIT_CONFIG_GLOBAL': os.devnull}
    for args in (
        ('init', '-q', '-b', 'main'),
        ('config', 'user.email', 'bench@packguard.invalid'),
        ('config', 'user.name', 'bench'),
        ('add', '.'),
    ):
        subprocess.run(('git', *args), cwd=root, check=True, env=env)
    return {
        'js': 400, 'of which inline maps': 50, 'maps': 250, 'env files': 150,
        'of which templates with a token': 5, 'other': 200,
    }


def passed_files(root: Path, hook_id: str) -> list[str]:
    """The staged files pre-commit would pass this hook (its Classifier)."""
    from pre_commit.clientlib import load_manifest
    from pre_commit.commands.run import Classifier
    from pre_commit.commands.run import filter_by_include_exclude

    hook = next(h for h in load_manifest(str(REPO / '.pre-commit-hooks.yaml'))
                if h['id'] == hook_id)
    names = subprocess.run(
        ('git', 'diff', '--cached', '--name-only', '-z'), cwd=root, check=True,
        capture_output=True,
    ).stdout.decode().split('\0')
    cwd = os.getcwd()
    os.chdir(root)
    try:
        classifier = Classifier([n for n in names if n])
        return list(classifier.by_types(
            filter_by_include_exclude(classifier.filenames, hook['files'], hook['exclude']),
            hook['types'], hook['types_or'], hook['exclude_types'],
        ))
    finally:
        os.chdir(cwd)


def timed(cmd: Sequence[str], cwd: Path, runs: int) -> tuple[float, int]:
    times = []
    rc = -1
    for _ in range(runs):
        t = time.perf_counter()
        rc = subprocess.run(cmd, cwd=cwd, capture_output=True, check=False).returncode
        times.append(time.perf_counter() - t)
    return statistics.median(times), rc


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open('/proc/cpuinfo') as f:
            cpu = next(ln.split(':', 1)[1].strip() for ln in f if ln.startswith('model name'))
    except (OSError, StopIteration):
        pass
    return (
        f'{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, '
        f'Python {platform.python_version()}'
    )


def score_corpus() -> int:
    from hooks.judge.sourcemap import inline_maps
    from hooks.judge.sourcemap import is_script_or_style
    from hooks.judge.sourcemap import read_sourcemap
    from tests.registry import cache_dir

    truth = json.loads((REPO / 'tests/sourcemap_corpus/truth.json').read_text())
    builds = cache_dir('corpus-builds')
    agree = missing = 0
    for case, t in sorted(truth.items()):
        folder = builds / case
        outputs = [
            p for p in folder.rglob('*')
            if p.is_file() and 'node_modules' not in p.parts
        ] if folder.is_dir() else []
        if not any(p.suffix in ('.js', '.mjs', '.cjs', '.css', '.map') for p in outputs):
            missing += 1
            print(f'{case}: no build output in {folder} (run bench/sourcemap_corpus.py)')
            continue
        file_map = inline = content = False
        for p in outputs:
            info = read_sourcemap(p)
            if info is not None:
                file_map = True
                content |= bool(info.embedded)
            elif is_script_or_style(str(p)):
                with open(p, 'rb') as f:
                    for m in inline_maps(f):
                        if m.info is not None:
                            inline = True
                            content |= bool(m.info.embedded)
        got = (file_map, inline, content)
        want = (t['map_file'], t['inline'], t['sources_content'])
        if got == want:
            agree += 1
        else:
            print(f'{case}: (map file, inline, sourcesContent) {got}, truth {want}')
    print(f'{agree} of {len(truth) - missing} built cases agree with the real builds '
          f'({missing} not built)')
    return 0 if agree == len(truth) - missing else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--corpus', action='store_true', help='score against real builds')
    parser.add_argument('--runs', type=int, default=7)
    parser.add_argument('--no-pre-commit', action='store_true')
    parser.add_argument('--no-big-map', action='store_true')
    args = parser.parse_args(argv)
    if args.corpus:
        return score_corpus()

    print(f'machine: {machine()}')
    if not args.no_big_map:
        from tests.registry import unpacked

        big = unpacked('@anthropic-ai/claude-code@2.1.88') / 'cli.js.map'
        t, rc = timed([str(BIN / 'forbid-sourcemaps'), str(big)], REPO, args.runs)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f'forbid-sourcemaps on cli.js.map ({big.stat().st_size / 1e6:.1f} MB): '
            f'median {t * 1000:.0f} ms, exit {rc}, peak RSS {peak:.0f} MB',
        )

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / 'repo'
        root.mkdir()
        counts = make_repo(root)
        print('1,000 staged files: ' + ', '.join(f'{v} {k}' for k, v in counts.items()))
        for hook_id, extra in (
                ('forbid-sourcemaps', []),
                ('forbid-sourcemaps', ['--inline']),
                ('forbid-env-files', []),
        ):
            files = passed_files(root, hook_id)
            t, rc = timed([str(BIN / hook_id), *extra, *files], root, args.runs)
            label = ' '.join([hook_id, *extra])
            print(
                f'{label:<28} {len(files):>5} files passed  median {t * 1000:4.0f} ms  '
                f'(exit {rc}; bar 300 ms: {"ok" if t < 0.3 else "OVER"})',
            )
        if not args.no_pre_commit:
            import yaml

            from tests.conftest import manifest_hook

            hooks = []
            for hook_id in ('forbid-sourcemaps', 'forbid-env-files'):
                hook = manifest_hook(hook_id)
                hook['language'] = 'system'
                hook.pop('minimum_pre_commit_version', None)
                hooks.append(hook)
            (root / '.pre-commit-config.yaml').write_text(
                yaml.safe_dump({'repos': [{'repo': 'local', 'hooks': hooks}]}),
            )
            env = {**os.environ, 'PATH': f'{BIN}{os.pathsep}{os.environ["PATH"]}'}
            for hook_id in ('forbid-sourcemaps', 'forbid-env-files'):
                times = []
                for _ in range(max(3, args.runs // 2)):
                    t0 = time.perf_counter()
                    subprocess.run(
                        (str(BIN / 'pre-commit'), 'run', hook_id, '--all-files'),
                        cwd=root, capture_output=True, check=False, env=env,
                    )
                    times.append(time.perf_counter() - t0)
                print(
                    f'pre-commit run {hook_id} --all-files (end to end, incl. pre-commit): '
                    f'median {statistics.median(times) * 1000:.0f} ms',
                )
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
