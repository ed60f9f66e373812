from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('unbuild'),
                  'build.config.ts': "export default defineBuildConfig([{ rollup: { output: "
                  "{ sourcemap: true } } }]);\n"},
                 [('unbuild', 'build.config.ts', 'yes', 'file', True, 'dist')],
                 id='rollup-output'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_unbuild(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
