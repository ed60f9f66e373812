"""`packguard ls`: text like npm's Tarball Contents, --json diffable with npm pack."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from hooks.ls import format_bytes
from hooks.ls import main
from tests.npm_oracle import npm_pack_json


def _pkg(tmp_path):
    (tmp_path / 'package.json').write_text('{"name": "p", "version": "1.0.0"}')
    (tmp_path / 'index.js').write_text('x' * 1500)
    (tmp_path / '.env').write_text('K=1')
    return tmp_path


@pytest.mark.parametrize(('n', 'text'), [
    pytest.param(999, '999B', id='bytes'),
    pytest.param(1000, '1.0kB', id='kb'),
    pytest.param(999949, '999.9kB', id='kb-edge'),
    pytest.param(999950, '1.0MB', id='mb'),
    pytest.param(59766257, '59.8MB', id='map'),
])
def test_format_bytes_like_npm(n, text):
    assert format_bytes(n, False) == text


def test_text_output(tmp_path, capsys):
    assert main(['--packer', 'npm@11', str(_pkg(tmp_path))]) == 0
    assert capsys.readouterr().out == (
        'package: p@1.0.0 (as npm 11 (npm-packlist 10.0.4) would pack it; packer: --packer)\n'
        'Tarball Contents\n3B .env\n1.5kB index.js\n33B package.json\n'
        'Tarball Details\nunpacked size: 1.5 kB\ntotal files: 3\n'
    )


def test_json_diffs_clean_against_npm_pack(tmp_path, capsys):
    """--json equals `npm pack --dry-run --json --ignore-scripts` (oracle) on shared fields."""
    d = _pkg(tmp_path)
    assert main(['--packer', 'npm@11', '--json', str(d)]) == 0
    mine = json.loads(capsys.readouterr().out)[0]
    npm = npm_pack_json(d)[0]
    for key in ('id', 'name', 'version', 'entryCount', 'unpackedSize', 'bundled'):
        assert mine[key] == npm[key]
    assert mine['files'] == [{'path': f['path'], 'size': f['size']} for f in npm['files']]


def test_names_windows_reads_as_rooted_lose_the_root_in_the_tarball(tmp_path, capsys):
    """node-tar strips `c:` (and a leading backslash) from entry names; npm (the oracle,
    live) lists the stripped names, sorted."""
    (tmp_path / 'package.json').write_text('{"name": "dl", "version": "1.0.0"}')
    for name in ('c:foo.js', 'a:b:c.js', 'x:y.js', '\\back.js', 'd:dir/z.js', 'plain.js'):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text('x')
    assert main(['--packer', 'npm@11', '--json', str(tmp_path)]) == 0
    mine = [f['path'] for f in json.loads(capsys.readouterr().out)[0]['files']]
    expected = ['back.js', 'c.js', 'dir/z.js', 'foo.js', 'package.json', 'plain.js', 'y.js']
    assert mine == expected
    assert [f['path'] for f in npm_pack_json(tmp_path)[0]['files']] == expected


def test_bad_input_one_line_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'pkg').mkdir()
    (tmp_path / 'pkg' / 'package.json').write_text('{"name": }')
    assert main(['pkg']) == 2
    err = capsys.readouterr().err
    assert err == (
        'pkg/package.json:1:10: invalid JSON, npm pack fails with EJSONPARSE: Expecting value\n'
    )
    assert main(['missing']) == 2
    assert capsys.readouterr().err == 'missing: no such package folder\n'
    assert main(['pkg/package.json']) == 2
    assert capsys.readouterr().err == 'pkg/package.json: is a file, not a package folder\n'


def test_tarball_listing(tmp_path, capsys):
    from tests.registry import fetch_tarball

    tgz = fetch_tarball('@anthropic-ai/claude-code@2.1.88')
    assert main(['--json', '--tarball', str(tgz)]) == 0
    out = json.loads(capsys.readouterr().out)[0]
    assert out['name'] == '@anthropic-ai/claude-code'
    assert {'path': 'cli.js.map', 'size': 59766257} in out['files']
    bad = tmp_path / 'x.tgz'
    bad.write_bytes(b'not gzip')
    assert main(['--tarball', str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f'{bad}: not a gzip tarball')


EXAMPLES = sorted(
    p.parent for p in (Path(__file__).parent.parent / 'examples').glob('*/package.json')
)


@pytest.mark.parametrize('pkg', [pytest.param(p, id=p.name) for p in EXAMPLES])
def test_examples_json_diffs_clean_against_npm_pack(pkg, capsys):
    """`packguard ls --json` on the repo's examples equals `npm pack --dry-run --json` (oracle)."""
    assert main(['--packer', 'npm@11', '--json', str(pkg)]) == 0
    mine = json.loads(capsys.readouterr().out)[0]
    npm = npm_pack_json(pkg)[0]
    assert mine['files'] == [{'path': f['path'], 'size': f['size']} for f in npm['files']]
    assert (mine['entryCount'], mine['unpackedSize']) == (npm['entryCount'], npm['unpackedSize'])


def test_claude_code_json_diffs_clean_against_npm_pack(capsys):
    """The unpacked claude-code 2.1.88: --json equals npm pack's (oracle), files and sizes."""
    from tests.registry import unpacked

    d = unpacked('@anthropic-ai/claude-code@2.1.88')
    assert main(['--packer', 'npm@11', '--json', str(d)]) == 0
    mine = json.loads(capsys.readouterr().out)[0]
    npm = npm_pack_json(d)[0]
    assert mine['files'] == [{'path': f['path'], 'size': f['size']} for f in npm['files']]
    assert mine['unpackedSize'] == npm['unpackedSize']


def test_other_packers_read_package_json_their_own_way(tmp_path, capsys):
    """"files": 5 is an error to npm (exit 2, npm's words) but pnpm packs the
    package as if files were absent (pnpm 12.26.0, recorded in the pnpm cases)."""
    (tmp_path / 'package.json').write_text('{"name": "a", "version": "1.0.0", "files": 5}')
    (tmp_path / 'a.js').write_text('x\n')
    assert main(['--packer', 'npm@11', str(tmp_path)]) == 2
    assert 'npm pack fails' in capsys.readouterr().err
    assert main(['--packer', 'pnpm', '--json', str(tmp_path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [f['path'] for f in out[0]['files']] == ['a.js', 'package.json']
