from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    # ng-packagr (ng-packagr/src/lib/ng-package/entry-point/write-bundles.transform.ts:
    # FESM bundles with sourcemap: true; its tsconfig has sourceMap and inlineSources)
    pytest.param({'package.json': pkg('ng build ui'),
                  'angular.json': {'projects': {'ui': {'projectType': 'library', 'architect': {
                      'build': {'builder': '@angular-devkit/build-angular:ng-packagr',
                                'options': {'project': 'projects/ui/ng-package.json'}}}}}},
                  'projects/ui/ng-package.json': {'dest': '../../dist/ui'}},
                 [('ng-packagr', 'angular.json', 'yes', 'file', True, 'dist/ui')],
                 id='ng-packagr-library'),
    pytest.param({'package.json': pkg('ng-packagr -p ng-package.json'),
                  'ng-package.json': {'lib': {'entryFile': 'src/public-api.ts'}}},
                 [('ng-packagr', 'package.json', 'yes', 'file', True, 'dist')],
                 id='ng-packagr-cli-default-dest'),
    # Angular before 12 defaulted the browser builder's sourceMap to true (angular-cli
    # commit 0a74d0d "change several builder options defaults", first in 12.0)
    pytest.param({'package.json': pkg('ng build', devDependencies={
        '@angular-devkit/build-angular': '~0.1102.0', '@angular/cli': '~11.2.0'}),
                  'angular.json': {'projects': {'app': {'architect': {'build': {
                      'options': {'outputPath': 'dist/app'}}}}}}},
                 [('angular', 'angular.json', 'yes', 'file', True, 'dist/app')],
                 id='angular-11-default-on'),
    pytest.param({'package.json': pkg('ng build --prod', devDependencies={
        '@angular/cli': '^10.0.0'}),
                  'angular.json': {'projects': {'app': {'architect': {'build': {
                      'options': {'outputPath': 'dist/app'},
                      'configurations': {'production': {'sourceMap': False}}}}}}}},
                 [('angular', 'angular.json', 'no', None, None, 'dist/app')],
                 id='angular-10-prod-config-off'),
    pytest.param({'package.json': pkg('ng build', devDependencies={'@angular/cli': '^12.0.0'}),
                  'angular.json': {'projects': {'app': {'architect': {'build': {
                      'options': {'outputPath': 'dist/app'}}}}}}},
                 [('angular', 'angular.json', 'no', None, None, 'dist/app')],
                 id='angular-12-default-off'),
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
