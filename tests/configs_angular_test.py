from __future__ import annotations

import json
from pathlib import Path

import pytest

from hooks.check_sourcemap_config import analyse_project


def verdicts(tmp_path: Path, files: dict[str, object]) -> list[tuple[object, ...]]:
    for name, content in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(content if isinstance(content, str) else json.dumps(content))
    return [(v.tool, v.config, v.emits, v.kind, v.sources_content, v.out_dir)
            for v in analyse_project(tmp_path)]


def pkg(build: str, **extra: object) -> dict[str, object]:
    return {"name": "p", "scripts": {"build": build}, **extra}


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
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_angular(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
