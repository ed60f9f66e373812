from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('bun build a.ts --outdir=out --sourcemap=inline')},
                 [('bun', 'package.json', 'yes', 'inline', True, 'out')], id='inline'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_bun(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
