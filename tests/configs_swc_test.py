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
    pytest.param({'package.json': pkg('swc src -d dist --strip-leading-paths'),
                  '.swcrc': '[{ "sourceMaps": "inline" }]'},
                 [('swc', '.swcrc', 'yes', 'inline', True, 'dist')], id='array-swcrc'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_swc(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected


def test_swcrc_entries_apply_by_their_test_regex(tmp_path):
    """Oracle: the real swc build of tests/sourcemap_corpus/swc-swcrc-array-test."""
    (tmp_path / 'src').mkdir()
    (tmp_path / 'src' / 'index.js').write_text('export const a = 1;\n')
    swcrc = [{'test': r'.*\.ts$', 'sourceMaps': True}, {'test': r'.*\.js$'}]
    files = {'package.json': pkg('swc src -d dist'), '.swcrc': swcrc}
    assert verdicts(tmp_path, files) == [('swc', '.swcrc', 'no', None, None, 'dist/src')]
    (tmp_path / 'src' / 'b.ts').write_text('export const b = 2;\n')
    assert verdicts(tmp_path, files) == [('swc', '.swcrc', 'yes', 'file', True, 'dist/src'),
                                         ('swc', '.swcrc', 'no', None, None, 'dist/src')]
