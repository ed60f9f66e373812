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


def test_the_baseline_and_a_release_are_compared_alike(tmp_path, monkeypatch, capsys):
    """One engine: a first env file is new to the committed baseline as to a release."""
    from hooks.check_npm_publish import main as check_main
    from hooks.judge.baseline import release_from_tarball
    from tests.fake_registry import make_tarball

    monkeypatch.chdir(tmp_path)
    files = {'package.json': json.dumps({'name': 'p', 'version': '1.0.0', 'files': ['dist']}),
             'dist/a.js': 'x' * 100}
    write_tree(tmp_path, files)
    assert main([]) == 0
    (tmp_path / 'old.tgz').write_bytes(make_tarball(files))
    before, manifest = release_from_tarball(str(tmp_path / 'old.tgz'))
    assert (before.source, manifest['name'], before.kinds) == (
        '1.0.0', 'p', {'package.json': 'text', 'dist/a.js': 'text'})
    assert read_baseline(str(tmp_path)).source == 'the baseline'  # type: ignore[union-attr]
    write_tree(tmp_path, {'dist/.env': 'A=1\n'})
    capsys.readouterr()
    assert check_main(['--against', 'old.tgz']) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:3] == [
        ('dist/.env: first env file in p@1.0.0: the baseline has none, so this is a new kind of '
        'file to publish; leave it out, or run packguard baseline if it is meant'),
        ('dist/.env: first env file in p@1.0.0: 1.0.0 published none (2 files, 152 B), so this '
        'is a new kind of file to publish; leave it out, or --allow it if it is meant'),
    ]


def test_release_kinds_are_read_by_content(tmp_path):
    from hooks.judge.baseline import release_from_tarball
    from tests.fake_registry import make_tarball

    (tmp_path / 'r.tgz').write_bytes(make_tarball({
        'package.json': '{"version": "2.0.0"}', 'named-oddly.txt': MAP,
        'addon.node': b'\x7fELF\0\0', 'linker.map': 'Archive member included\n',
    }))
    before, _ = release_from_tarball(str(tmp_path / 'r.tgz'))
    assert before.kinds == {'package.json': 'text', 'named-oddly.txt': 'source map',
                            'addon.node': 'binary', 'linker.map': 'text'}
    assert before.unpacked_size == sum(before.sizes.values())


@pytest.mark.parametrize(
    ('files', 'line', 'code'),
    [
        pytest.param({'dist/big.js': 'x' * 2000}, (
            'dist/big.js: 2.0 kB file would be published by p@1.0.0, over the default budget of '
            '1.0 kB for one file (the most downloaded packages ship none over 6 MB); leave it out '
            'of the package, or set --max-file-size if it is meant'), 1, id='text-error'),
        pytest.param({'dist/addon.node': b'\0' * 2000}, (
            'dist/addon.node: warning: 2.0 kB binary would be published by p@1.0.0, over the '
            'default budget of 1.0 kB for one file; native binaries can be this large: if it is '
            'meant, set --max-file-size (or "packguard": {"maxFileSize"}) to the budget you '
            'expect'), 0, id='binary-warning'),
    ],
)
def test_default_file_budget(tmp_path, monkeypatch, capsys, files, line, code):
    from hooks.check_npm_publish import main as check_main

    monkeypatch.setattr('hooks.judge.sizes.DEFAULT_MAX_FILE_SIZE', 1000)
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {
        'package.json': json.dumps({'name': 'p', 'version': '1.0.0', 'files': ['dist']}),
        **files,
    })
    assert check_main([]) == code
    assert capsys.readouterr().out.splitlines()[0] == line
    assert check_main(['--max-file-size', '10 kB']) == 0  # a budget of one's own replaces it
    assert check_main(['--allow', 'dist/*']) == 0
