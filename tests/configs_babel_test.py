from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('cross-env NODE_ENV=production babel src --out-dir lib'),
                  '.babelrc': '{ "env": { "production": { "sourceMaps": "both" } } }'},
                 [('babel', '.babelrc', 'yes', 'both', True, 'lib')], id='env-production'),
    pytest.param({'package.json': pkg('babel src -d lib',
                                      babel={'sourceMaps': 'inline'})},
                 [('babel', 'package.json', 'yes', 'inline', True, 'lib')], id='package-key'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_babel(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
