from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg("terser a.js -o out/a.min.js --source-map 'url=a.map'")},
                 [('terser', 'package.json', 'yes', 'file', False, 'out')], id='no-sources'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_terser(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
