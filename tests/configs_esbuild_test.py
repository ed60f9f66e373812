from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('node scripts/build.js --prod'),
                  'scripts/build.js': "const { build } = require('esbuild');\n"
                  "const prod = process.argv.includes('--prod');\n"
                  "build({ outdir: 'out', sourcemap: prod ? 'external' : 'inline' });\n"},
                 [('esbuild', 'scripts/build.js', 'yes', 'hidden', True, 'out')],
                 id='api-with-argv'),
    pytest.param({'package.json': pkg('bun build.ts'),
                  'build.ts': "await Bun.build({ entrypoints: ['a.ts'], outdir: 'dist',\n"
                  "  sourcemap: 'linked' });\n"},
                 [('bun', 'build.ts', 'yes', 'file', True, 'dist')], id='bun-build-api'),
    pytest.param({'package.json': pkg('esbuild a.ts --sourcemap=both --sources-content=false '
                                      '--outdir=o')},
                 [('esbuild', 'package.json', 'yes', 'both', False, 'o')], id='cli-both'),
    # build scripts that call another bundler's or minifier's JavaScript API; the real
    # tools' outputs are recorded in tests/sourcemap_corpus (terser-api-*, rollup-api-*, ...)
    pytest.param({'package.json': pkg('node --max-old-space-size=4096 tools/min.mjs'),
                  'tools/min.mjs': "import { minify } from 'terser';\n"
                  "import { writeFileSync } from 'fs';\n"
                  "const r = await minify('x', { sourceMap: { includeSources: true } });\n"
                  "writeFileSync('lib/x.min.js.map', r.map);\n"},
                 [('terser', 'tools/min.mjs', 'yes', 'file', True, 'lib')], id='terser-minify'),
    pytest.param({'package.json': pkg('tsx build.ts'),
                  'build.ts': "import { minify } from 'terser';\n"
                  "await minify('x', { sourceMap: { url: 'inline' } });\n"},
                 [('terser', 'build.ts', 'yes', 'inline', False, '.')],
                 id='terser-inline-without-sources'),
    pytest.param({'package.json': pkg('node build.cjs'),
                  'build.cjs': "const { rollup } = require('rollup');\n"
                  "async function go() {\n  const bundle = await rollup({ input: 'a.js' });\n"
                  "  await bundle.write({ dir: 'out', sourcemap: 'hidden' });\n}\ngo();\n"},
                 [('rollup', 'build.cjs', 'yes', 'hidden', True, 'out')], id='rollup-write'),
    pytest.param({'package.json': pkg('ts-node scripts/pack.ts'),
                  'scripts/pack.ts': "import webpack from 'webpack';\n"
                  "webpack({ mode: 'production', devtool: 'hidden-source-map' }).run(() => {});\n"},
                 [('webpack', 'scripts/pack.ts', 'yes', 'hidden', True, 'dist')],
                 id='webpack-api'),
    pytest.param({'package.json': pkg('node build.mjs'),
                  'build.mjs': "import { build } from 'vite';\n"
                  "await build({ build: { outDir: 'site', sourcemap: 'inline' } });\n"},
                 [('vite', 'build.mjs', 'yes', 'inline', True, 'site')], id='vite-build-api'),
    pytest.param({'package.json': pkg('bun run scripts/build.ts'),
                  'scripts/build.ts': "await Bun.build({ entrypoints: ['a.ts'], outdir: 'out',\n"
                  "  sourcemap: 'none' });\n"},
                 [('bun', 'scripts/build.ts', 'no', None, None, 'out')], id='bun-api-none'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_esbuild(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
