"""Speed of check-sourcemap-config: per config file after start-up, and whole hook runs.

1. Per config: every config file of tests/sourcemap_corpus analysed in-process
   (tree-sitter grammars already loaded), median and worst ms per project.
2. Whole process: a temporary repository with ten packages, one config each
   (webpack, vite, rollup, tsup, tsconfig with extends, next, babel, swc, vue,
   angular), the console script run on all ten configs (fresh interpreter each
   time, as pre-commit runs it), median of several runs.  Bar: < 150 ms.
3. Import cost: the hook's start-up without analysis (``--help``).

    python bench/bench_config.py [--runs 9]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CORPUS = REPO / 'tests' / 'sourcemap_corpus'
SCRIPT = Path(sys.executable).parent / 'check-sourcemap-config'
CACHE = Path(os.environ.get('XDG_CACHE_HOME') or Path.home() / '.cache') / 'packguard'

TEN: dict[str, dict[str, str]] = {
    'web': {
        'package.json': json.dumps({'name': 'web', 'private': True,
                                    'scripts': {'build': 'webpack --mode production'}}),
        'webpack.config.js': (
            "const path = require('path');\n"
            "const isProd = process.env.NODE_ENV === 'production';\n"
            "module.exports = (env, argv) => ({\n"
            "  entry: './src/index.js',\n"
            "  output: { path: path.resolve(__dirname, 'dist') },\n"
            "  devtool: argv.mode === 'production' ? 'hidden-source-map' : 'eval',\n"
            "  plugins: [isProd && new Foo()].filter(Boolean),\n"
            "});\n"),
    },
    'site': {
        'package.json': json.dumps({'name': 'site', 'private': True,
                                    'scripts': {'build': 'tsc && vite build'}}),
        'vite.config.ts': (
            "import { defineConfig, loadEnv } from 'vite';\n"
            "import react from '@vitejs/plugin-react';\n"
            "export default defineConfig(({ mode }) => {\n"
            "  const env = loadEnv(mode, process.cwd(), '');\n"
            "  return { plugins: [react()], build: { sourcemap: env.MAPS === '1' } };\n"
            "});\n"),
        'tsconfig.json': '{"compilerOptions": {"noEmit": true, "strict": true}}',
    },
    'lib-rollup': {
        'package.json': json.dumps({'name': 'lib-rollup', 'files': ['dist'],
                                    'scripts': {'build': 'rollup -c'}}),
        'rollup.config.mjs': (
            "const production = !process.env.ROLLUP_WATCH;\n"
            "export default [{ input: 'src/index.js', output: [\n"
            "  { file: 'dist/index.cjs', format: 'cjs', sourcemap: !production },\n"
            "  { file: 'dist/index.mjs', format: 'es', sourcemap: true },\n"
            "] }];\n"),
    },
    'lib-tsup': {
        'package.json': json.dumps({'name': 'lib-tsup', 'files': ['dist', '!**/*.map'],
                                    'scripts': {'build': 'tsup --minify'}}),
        'tsup.config.ts': (
            "import { defineConfig } from 'tsup';\n"
            "export default defineConfig((options) => ({ entry: ['src/index.ts'],\n"
            "  sourcemap: true, minify: !!options.minify }));\n"),
    },
    'lib-tsc': {
        'package.json': json.dumps({'name': 'lib-tsc', 'files': ['lib'],
                                    'scripts': {
                                        'build': 'rimraf lib && tsc -p tsconfig.build.json'}}),
        'tsconfig.base.json': '{"compilerOptions": {"sourceMap": true, "declaration": true,'
                              ' "declarationMap": true}}',
        'tsconfig.json': '{\n  // editor config\n  "extends": "./tsconfig.base.json",\n}',
        'tsconfig.build.json': '{"extends": "./tsconfig.json", "compilerOptions": '
                               '{"outDir": "lib"}}',
    },
    'next-app': {
        'package.json': json.dumps({'name': 'next-app', 'private': True,
                                    'dependencies': {'next': '^16.0.0'},
                                    'scripts': {'build': 'next build'}}),
        'next.config.mjs': "const nextConfig = { productionBrowserSourceMaps: false };\n"
                           "export default nextConfig;\n",
    },
    'babel-lib': {
        'package.json': json.dumps({'name': 'babel-lib',
                                    'scripts': {'build': 'babel src -d lib'}}),
        'babel.config.js': "module.exports = (api) => ({ presets: ['@babel/preset-env'],\n"
                           "  sourceMaps: api.env('production') ? false : 'inline' });\n",
    },
    'swc-lib': {
        'package.json': json.dumps({'name': 'swc-lib', 'scripts': {'build': 'swc src -d dist'}}),
        '.swcrc': '{\n  // maps for debugging\n  "sourceMaps": true\n}',
    },
    'vue-app': {
        'package.json': json.dumps({'name': 'vue-app', 'private': True,
                                    'scripts': {'build': 'vue-cli-service build'}}),
        'vue.config.js': "module.exports = { productionSourceMap: false,\n"
                         "  configureWebpack: { devtool: 'source-map' } };\n",
    },
    'ng-app': {
        'package.json': json.dumps({'name': 'ng-app', 'private': True,
                                    'scripts': {'build': 'ng build'}}),
        'angular.json': json.dumps({'projects': {'app': {'projectType': 'application',
                                    'architect': {'build': {
                                        'options': {'outputPath': 'dist/app', 'sourceMap': True},
                                        'configurations': {'production': {}},
                                        'defaultConfiguration': 'production'}}}}}),
    },
}


def per_config_ms() -> tuple[float, float, int]:
    from hooks.check_sourcemap_config import analyse_project
    cases = sorted(p for p in CORPUS.iterdir() if p.is_dir())
    analyse_project(cases[0])  # load the grammars once (start-up, not analysis)
    for c in cases:  # warm every tool module and both grammars
        analyse_project(c)
    times = []
    for c in cases:  # best of 7 per project, in CPU time: other jobs' load is not our cost
        best = float('inf')
        for _ in range(7):
            t = time.process_time()
            analyse_project(c)
            best = min(best, (time.process_time() - t) * 1000)
        times.append(best)
    return statistics.median(times), max(times), len(cases)


def whole_runs(runs: int) -> tuple[float, float, float, float, int]:
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        configs: list[str] = []
        for pkg, files in TEN.items():
            for name, text in files.items():
                p = root / pkg / name
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_text(text, encoding='utf-8')
                if name != 'package.json' and name != 'tsconfig.base.json':
                    configs.append(f'{pkg}/{name}')
        configs = configs[:10]
        # as installed: bytecode cached (this sandbox sets PYTHONDONTWRITEBYTECODE); the
        # cache goes under ~/.cache/packguard, not into the checkout
        env = {k: v for k, v in os.environ.items() if k != 'PYTHONDONTWRITEBYTECODE'}
        env['PYTHONPYCACHEPREFIX'] = str(CACHE / 'pycache')
        subprocess.run([str(SCRIPT), *configs], cwd=root, capture_output=True, check=False,
                       env=env)
        times = []
        cpu = []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run([str(SCRIPT), *configs], cwd=root, capture_output=True, check=False,
                           env=env)
            times.append((time.perf_counter() - t) * 1000)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
                       * 1000)
        help_times = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run([str(SCRIPT), '--help'], capture_output=True, check=False, env=env)
            help_times.append((time.perf_counter() - t) * 1000)
        return (statistics.median(times), min(times), statistics.median(cpu),
                statistics.median(help_times), len(configs))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--runs', type=int, default=9)
    args = parser.parse_args(argv)
    median, worst, n = per_config_ms()
    print(f'per project, after start-up (CPU): median {median:.2f} ms, worst {worst:.2f} ms '
          f'over {n} corpus projects (bar: < 5 ms per config)')
    whole, best, cpu, startup, nconf = whole_runs(args.runs)
    print(f'whole hook run on {nconf} configs in 10 packages: median {whole:.0f} ms wall, '
          f'best {best:.0f} ms, median CPU {cpu:.0f} ms (bar: < 150 ms); '
          f'interpreter + imports alone (--help): {startup:.0f} ms')
    print(f'load average while measuring: {", ".join(f"{x:.1f}" for x in os.getloadavg())}')
    print(f'machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, '
          f'Python {platform.python_version()}, {platform.system()} {platform.release()}')
    return 0 if worst < 5 and best < 150 else 1


if __name__ == '__main__':
    raise SystemExit(main())
