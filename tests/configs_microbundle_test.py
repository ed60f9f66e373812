from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('microbundle', main='lib/index.js')},
                 [('microbundle', 'package.json', 'yes', 'file', True, 'lib')], id='default'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_microbundle(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
