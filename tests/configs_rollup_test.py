from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('rollup -c --environment NODE_ENV:development'),
                  'rollup.config.mjs': "export default { output: { dir: 'out',\n"
                  "  sourcemap: process.env.NODE_ENV === 'development' } };\n"},
                 [('rollup', 'rollup.config.mjs', 'yes', 'file', True, 'out')],
                 id='environment-flag'),
    pytest.param({'package.json': pkg('rollup -c'),
                  'rollup.config.mjs': "export default (args) => ({ output: { file: 'd/x.js',\n"
                  "  sourcemap: args.configDebug ? true : false } });\n"},
                 [('rollup', 'rollup.config.mjs', 'no', None, None, 'd')], id='config-function'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_rollup(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
