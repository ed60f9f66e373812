from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('react-scripts build'),
                  '.env': 'GENERATE_SOURCEMAP=false\n',
                  '.env.production.local': 'GENERATE_SOURCEMAP=true\n'},
                 [('cra', '.env.production.local', 'yes', 'file', True, 'build')],
                 id='production-local-wins-over-env'),
    pytest.param({'package.json': pkg('react-scripts build'),
                  '.env.development': 'GENERATE_SOURCEMAP=false\n'},
                 [('cra', 'package.json', 'yes', 'file', True, 'build')],
                 id='development-env-is-ignored'),
    pytest.param({'package.json': pkg('BUILD_PATH=www GENERATE_SOURCEMAP=false craco build')},
                 [('cra', 'package.json', 'no', None, None, 'www')], id='craco-inline-env'),
    pytest.param({'package.json': pkg('env-cmd -f .env.ci react-scripts build'),
                  '.env.ci': 'GENERATE_SOURCEMAP=false\n'},
                 [('cra', 'package.json', 'no', None, None, 'build')], id='env-cmd-file'),
    pytest.param({'package.json': pkg('cross-env-shell "GENERATE_SOURCEMAP=false '
                                      'react-scripts build"')},
                 [('cra', 'package.json', 'no', None, None, 'build')], id='cross-env-shell'),
    pytest.param({'package.json': pkg('cross-env GENERATE_SOURCEMAP=0 react-scripts build')},
                 [('cra', 'package.json', 'yes', 'file', True, 'build')], id='zero-still-emits'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_cra(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
