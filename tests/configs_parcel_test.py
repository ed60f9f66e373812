from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('parcel build src/index.html --dist-dir www')},
                 [('parcel', 'package.json', 'yes', 'file', True, 'www')], id='default-on'),
    pytest.param({'package.json': pkg('parcel src/index.html')}, [], id='dev-server'),
    pytest.param({'package.json': pkg('parcel build', main='lib/index.js', module='lib/m.js',
                                      targets={'main': {'sourceMap': False}})},
                 [('parcel', 'package.json', 'no', None, None, 'lib'),
                  ('parcel', 'package.json', 'yes', 'file', True, 'lib')],
                 id='per-target'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_parcel(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
