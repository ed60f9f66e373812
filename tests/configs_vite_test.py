from __future__ import annotations

import pytest

from tests.config_projects import verdicts


def pkg(build: str, **extra: object) -> dict[str, object]:
    return {'name': 'v', 'scripts': {'build': build}, **extra}


CASES = [
    pytest.param({'package.json': pkg('vite build --sourcemap false'),
                  'vite.config.ts': "export default { build: { sourcemap: true } };\n"},
                 [('vite', 'package.json', 'no', None, None, 'dist')], id='cli-false-wins'),
    pytest.param({'package.json': pkg('vite build'),
                  'vite.config.ts': "export default { build: { outDir: 'out',\n"
                  "  rolldownOptions: { output: [{ sourcemap: 'hidden' }] } } };\n"},
                 [('vite', 'vite.config.ts', 'yes', 'hidden', True, 'out')],
                 id='rolldown-output-array'),
    pytest.param({'package.json': pkg('vite build --mode staging'),
                  '.env.staging': 'MAPS=on\n',
                  'vite.config.js': "import { defineConfig, loadEnv } from 'vite';\n"
                  "export default defineConfig(({ mode }) => {\n"
                  "  const env = loadEnv(mode, process.cwd(), '');\n"
                  "  return { build: { sourcemap: env.MAPS === 'on' } };\n"
                  "});\n"},
                 [('vite', 'vite.config.js', 'yes', 'file', True, 'dist')],
                 id='loadenv-reads-mode-env-file'),
    pytest.param({'package.json': pkg('vite build'),
                  'vite.config.js': "import base from './shared.js';\n"
                  "export default { build: base.pick() };\n"},
                 [('vite', 'vite.config.js', 'maybe', None, None, 'dist')],
                 id='undecidable-build-object'),
    pytest.param({'package.json': pkg('astro build'),
                  'astro.config.mjs': "import { defineConfig } from 'astro/config';\n"
                  "export default defineConfig({ vite: { build: { sourcemap: 'inline' } } });\n"},
                 [('astro', 'astro.config.mjs', 'yes', 'inline', True, 'dist')], id='astro'),
    pytest.param({'package.json': pkg('remix build --sourcemap')},
                 [('remix', 'package.json', 'yes', 'file', True, 'build')],
                 id='remix-classic-flag'),
    pytest.param({'package.json': pkg('remix build'),
                  'vite.config.ts': 'export default { build: { sourcemap: true } };\n'},
                 [('remix', 'package.json', 'no', None, None, 'build')],
                 id='remix-classic-compiler-never-reads-vite-config'),
    pytest.param({'package.json': pkg('remix vite:build'),
                  'vite.config.ts': 'export default { build: { sourcemap: true } };\n'},
                 [('vite', 'vite.config.ts', 'yes', 'file', True, 'dist')],
                 id='remix-vite-build'),
    pytest.param({'package.json': pkg('vite build --outDir lib'),
                  'vite.config.ts': "export default {\n"
                  "  build: { outDir: 'dist', sourcemap: true } };\n"},
                 [('vite', 'vite.config.ts', 'yes', 'file', True, 'lib')],
                 id='cli-out-dir-wins-over-the-config'),
    pytest.param({'package.json': pkg('npm run typecheck && electron-vite build',
                                      scripts={'build': 'npm run typecheck && electron-vite build',
                                               'typecheck': 'tsc --noEmit'}),
                  'tsconfig.json': '{}',
                  'electron.vite.config.ts': "import { defineConfig } from 'electron-vite';\n"
                  "export default defineConfig({ main: { build: { sourcemap: true } },\n"
                  "  preload: {}, renderer: { build: { sourcemap: false } } });\n"},
                 [('tsc', 'package.json', 'no', None, None, '.'),
                  ('electron-vite', 'electron.vite.config.ts', 'yes', 'file', True, 'out/main'),
                  ('electron-vite', 'electron.vite.config.ts', 'no', None, None, 'out/preload'),
                  ('electron-vite', 'electron.vite.config.ts', 'no', None, None,
                   'out/renderer')],
                 id='electron-vite-per-process'),
    pytest.param({'package.json': pkg('vite')}, [], id='dev-server'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_vite(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
