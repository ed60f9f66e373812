"""One meaning for "packguard": {"allow": [...]} in package.json: globs of
published files that are fine, for check-npm-publish and check-sourcemap-config
alike; map kinds for check-sourcemap-config go in "allowMaps" (issue #12)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from hooks.check_npm_publish import main as check
from hooks.check_sourcemap_config import main as config
from tests.conftest import write_tree


def _library(tmp_path: Path, packguard: dict[str, object] | None) -> Path:
    manifest: dict[str, object] = {
        'name': 'lib', 'version': '1.0.0', 'license': 'UNLICENSED', 'files': ['dist'],
        'main': 'dist/index.js', 'scripts': {'build': 'tsc'},
    }
    if packguard is not None:
        manifest['packguard'] = packguard
    smap = json.dumps({'version': 3, 'sources': ['../src/index.ts'],
                       'sourcesContent': ['export const x = 1\n'], 'names': [],
                       'mappings': 'AAAA'})
    return write_tree(tmp_path / 'lib', {
        'package.json': json.dumps(manifest),
        'tsconfig.json': json.dumps({'compilerOptions': {
            'outDir': 'dist', 'sourceMap': True, 'inlineSources': True}}),
        'src/index.ts': 'export const x = 1\n',
        'dist/index.js': 'exports.x = 1\n//# sourceMappingURL=index.js.map\n',
        'dist/index.js.map': smap,
    })


@pytest.mark.parametrize(('packguard', 'expected'), [
    pytest.param(None, (1, 1), id='no-allow: both fail'),
    pytest.param({'allow': ['dist/**/*.map']}, (0, 0), id='allow-glob: both accept'),
    pytest.param({'allow': ['other/**']}, (1, 1), id='allow-other-glob: both fail'),
])
def test_allow_globs_mean_the_same_to_both_hooks(tmp_path, monkeypatch, capsys,
                                                 packguard, expected):
    pkg = _library(tmp_path, packguard)
    monkeypatch.chdir(pkg)
    got = (check([]), config(['tsconfig.json']))
    out = capsys.readouterr().out
    assert got == expected, out


@pytest.mark.parametrize(('packguard', 'expected'), [
    pytest.param(None, 1, id='no-allowMaps: warning fails under --strict'),
    pytest.param({'allowMaps': ['hidden']}, 0, id='allowMaps-hidden'),
    pytest.param({'allow': ['hidden']}, 0, id='kind-word-in-allow-still-read'),
])
def test_allow_maps_takes_kinds(tmp_path, monkeypatch, capsys, packguard, expected):
    """allowMaps takes map kinds (what --allow takes), for check-sourcemap-config."""
    manifest: dict[str, object] = {
        'name': 'app', 'version': '1.0.0', 'files': ['dist'], 'scripts': {'build': 'webpack'}}
    if packguard is not None:
        manifest['packguard'] = packguard
    pkg = write_tree(tmp_path / 'app', {
        'package.json': json.dumps(manifest),
        'webpack.config.js': (
            "module.exports = {mode: 'production', devtool: 'hidden-source-map'}\n"),
    })
    monkeypatch.chdir(pkg)
    assert config(['--strict', 'webpack.config.js']) == expected, capsys.readouterr().out
