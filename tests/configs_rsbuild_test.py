from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('rsbuild build'),
                  'rsbuild.config.ts': "import { defineConfig } from '@rsbuild/core';\n"
                  "export default defineConfig({\n"
                  "  output: { sourceMap: { js: 'source-map' } } });\n"},
                 [('rsbuild', 'rsbuild.config.ts', 'yes', 'file', True, 'dist')],
                 id='js-devtool'),
    pytest.param({'package.json': pkg('rsbuild build'),
                  'rsbuild.config.mjs': "export default { output: { sourceMap: true,\n"
                  "  distPath: { root: 'build' } } };\n"},
                 [('rsbuild', 'rsbuild.config.mjs', 'yes', 'file', True, 'build')],
                 id='true-is-source-map-in-production'),
    pytest.param({'package.json': pkg('rsbuild build'),
                  'rsbuild.config.mjs': "export default {\n"
                  "  output: { sourceMap: { css: true } } };\n"},
                 [('rsbuild', 'rsbuild.config.mjs', 'yes', 'file', True, 'dist')],
                 id='css-maps'),
    pytest.param({'package.json': pkg('rsbuild build'),
                  'rsbuild.config.mjs': "export default { output: { sourceMap: {} } };\n"},
                 [('rsbuild', 'rsbuild.config.mjs', 'no', None, None, 'dist')],
                 id='object-without-js-writes-none-in-production'),
    pytest.param({'package.json': pkg('rsbuild build'),
                  'rsbuild.config.mjs': "export default { plugins: [] };\n"},
                 [('rsbuild', 'rsbuild.config.mjs', 'no', None, None, 'dist')],
                 id='default-off'),
    pytest.param({'package.json': pkg('rsbuild dev')}, [], id='dev-server'),
    pytest.param({'package.json': {'name': 'p'},
                  'rsbuild.config.mjs': "export default { output: { sourceMap: true } };\n"},
                 [('rsbuild', 'rsbuild.config.mjs', 'yes', 'file', True, 'dist')],
                 id='config-without-build-script'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_rsbuild(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
