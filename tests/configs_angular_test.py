from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('ng build -c development'),
                  'angular.json': {'projects': {'app': {'architect': {'build': {
                      'options': {'outputPath': 'dist/app'},
                      'configurations': {'development': {'sourceMap': True}},
                      'defaultConfiguration': 'production'}}}}}},
                 [('angular', 'angular.json', 'yes', 'file', True, 'dist/app')],
                 id='chosen-configuration'),
    pytest.param({'package.json': pkg('ng build'),
                  'angular.json': {'projects': {'app': {'architect': {'build': {
                      'options': {'outputPath': {'base': 'www'}},
                      'configurations': {'production': {'sourceMap': {
                          'scripts': True, 'hidden': True, 'sourcesContent': False}}},
                      'defaultConfiguration': 'production'}}}}}},
                 [('angular', 'angular.json', 'yes', 'hidden', False, 'www')],
                 id='object-hidden-no-content'),
    pytest.param({'package.json': pkg('ng build'),
                  'angular.json': {'projects': {'app': {'architect': {'build': {
                      'configurations': {'production': {'sourceMap': {
                          'scripts': False, 'styles': False}}},
                      'defaultConfiguration': 'production'}}}}}},
                 [('angular', 'angular.json', 'no', None, None, 'dist/app')],
                 id='scripts-and-styles-off'),
    pytest.param({'package.json': pkg('ng build --prod'),
                  'angular.json': {'projects': {'app': {'architect': {'build': {
                      'options': {'sourceMap': True},
                      'configurations': {'production': {'sourceMap': False}}}}}}}},
                 [('angular', 'angular.json', 'no', None, None, 'dist/app')],
                 id='prod-flag-is-the-production-configuration'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_angular(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
