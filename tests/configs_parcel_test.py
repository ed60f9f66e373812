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
