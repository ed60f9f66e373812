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
    pytest.param({'package.json': pkg('rollup -c --environment NODE_ENV:development'),
                  'rollup.config.mjs': "export default { output: { dir: 'out',\n"
                  "  sourcemap: process.env.NODE_ENV === 'development' } };\n"},
                 [('rollup', 'rollup.config.mjs', 'yes', 'file', True, 'out')],
                 id='environment-flag'),
    pytest.param({'package.json': pkg('rollup -c'),
                  'rollup.config.mjs': "export default (args) => ({ output: { file: 'd/x.js',\n"
                  "  sourcemap: args.configDebug ? true : false } });\n"},
                 [('rollup', 'rollup.config.mjs', 'no', None, None, 'd')], id='config-function'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_rollup(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
