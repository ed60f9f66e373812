from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('tsup --sourcemap inline')},
                 [('tsup', 'package.json', 'yes', 'inline', True, 'dist')], id='cli-inline'),
    pytest.param({'package.json': pkg('tsup'),
                  'tsup.config.ts': "export default { outDir: 'lib', sourcemap: true };\n"},
                 [('tsup', 'tsup.config.ts', 'yes', 'file', True, 'lib')], id='config'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_tsup(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
