from __future__ import annotations

import json

import pytest

from hooks.baseline import main
from hooks.findings import BadInput
from hooks.judge.baseline import read_baseline
from tests.conftest import write_tree

MAP = json.dumps({'version': 3, 'sources': ['a.ts'], 'mappings': 'AAAA'})


def test_writes_file_list_sizes_and_kinds(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {
        'package.json': json.dumps({'name': 'p', 'version': '2.0.0', 'files': ['dist']}),
        'dist/a.js': 'x' * 10,
        'dist/a.js.map': MAP,
        'dist/addon.node': b'\0ELF',
        'src/a.ts': 'not published',
    })
    assert main([]) == 0
    size = len(MAP) + 10 + 4 + len((tmp_path / 'package.json').read_text())
    assert capsys.readouterr().out == (
        f'.packguard-baseline.json: wrote 4 files, {size} B unpacked (p@2.0.0)\n'
    )
    doc = json.loads((tmp_path / '.packguard-baseline.json').read_text())
    assert doc['unpackedSize'] == size
    assert [(f['path'], f['kind']) for f in doc['files']] == [
        ('dist/a.js', 'text'),
        ('dist/a.js.map', 'source map'),
        ('dist/addon.node', 'binary'),
        ('package.json', 'text'),
    ]
    baseline = read_baseline(str(tmp_path))
    assert baseline is not None
    assert baseline.unpacked_size == size
    assert baseline.kinds['dist/addon.node'] == 'binary'
    # written again: the baseline file itself is never part of the baseline
    write_tree(tmp_path, {'package.json': json.dumps({'name': 'p', 'version': '2.0.0'})})
    assert main([]) == 0
    doc = json.loads((tmp_path / '.packguard-baseline.json').read_text())
    assert '.packguard-baseline.json' not in [f['path'] for f in doc['files']]


def test_workspaces_each_get_a_baseline_private_skipped(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {
        'package.json': json.dumps({'name': 'root', 'private': True, 'workspaces': ['pk/*']}),
        'pk/a/package.json': json.dumps({'name': 'a', 'version': '1.0.0'}),
        'pk/b/package.json': json.dumps({'name': 'b', 'version': '1.0.0'}),
    })
    assert main(['.']) == 0
    assert capsys.readouterr().out.splitlines() == [
        'package.json: skipped, root is private ("private": true), npm never publishes it',
        'pk/a/.packguard-baseline.json: wrote 1 file, 33 B unpacked (a@1.0.0)',
        'pk/b/.packguard-baseline.json: wrote 1 file, 33 B unpacked (b@1.0.0)',
    ]
    assert not (tmp_path / '.packguard-baseline.json').exists()


def test_bad_package_json_writes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {'package.json': '{'})
    assert main([]) == 2
    assert capsys.readouterr().err.startswith('package.json:1:2: invalid JSON')
    assert not (tmp_path / '.packguard-baseline.json').exists()


@pytest.mark.parametrize(
    ('text', 'message'),
    [
        pytest.param('{"files": [', '.packguard-baseline.json:1:12: invalid JSON (Expecting '
                     'value); run packguard baseline again', id='truncated'),
        pytest.param('[]', '.packguard-baseline.json: not a packguard baseline (no "files" '
                     'list); run packguard baseline again', id='not-an-object'),
        pytest.param('{"files": [{"path": "a"}]}', '.packguard-baseline.json: "files"[0] '
                     'needs a "path" string and a "size" number; run packguard baseline again',
                     id='entry-without-size'),
        pytest.param(b'\xff\xfe', '.packguard-baseline.json: not valid UTF-8; run packguard '
                     'baseline again', id='not-utf8'),
        pytest.param('{"files": [], "unpackedSize": "big"}',
                     '.packguard-baseline.json: "unpackedSize" must be a number', id='bad-size'),
    ],
)
def test_bad_baseline(tmp_path, text, message):
    write_tree(tmp_path, {'.packguard-baseline.json': text})
    with pytest.raises(BadInput) as exc:
        read_baseline(str(tmp_path))
    assert str(exc.value) == message


def test_no_baseline(tmp_path):
    assert read_baseline(str(tmp_path)) is None
