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
    pytest.param({'package.json': pkg('vue-cli-service build'),
                  'vue.config.js': "module.exports = { productionSourceMap: false,\n"
                  "  configureWebpack: (config) => { config.devtool = 'hidden-source-map'; } };\n"},
                 [('vue-cli', 'vue.config.js', 'yes', 'hidden', True, 'dist')],
                 id='configure-webpack-function'),
    pytest.param({'package.json': pkg('vue-cli-service build', vue={'productionSourceMap': False})},
                 [('vue-cli', 'package.json', 'no', None, None, 'dist')],
                 id='package-json-vue-key'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_vue_cli(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
