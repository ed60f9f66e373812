"""Reading npm tarballs member by member (streamed, never unpacked to disk)."""
from __future__ import annotations

import gzip
import io
import tarfile

import pytest

from hooks.findings import BadInput
from hooks.publish.npm import PackedFile
from hooks.publish.tarball import read_tarball
from hooks.publish.tarball import tarball_files
from tests.npm_oracle import npm_pack


def _tgz(path, members, top='package'):
    with tarfile.open(path, 'w:gz') as tf:
        for name, data in members:
            info = tarfile.TarInfo(f'{top}/{name}' if top else name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return path


def test_members_stream_and_strip_top_folder(tmp_path):
    tgz = _tgz(tmp_path / 'x.tgz', [('package.json', b'{}'), ('lib/a.js', b'abc')])
    seen = [(m.file, m.stream.read()) for m in read_tarball(tgz)]
    assert seen == [(PackedFile('package.json', 2), b'{}'), (PackedFile('lib/a.js', 3), b'abc')]


def test_other_top_folder_name(tmp_path):
    """Old registry tarballs used the package name as the top folder."""
    tgz = _tgz(tmp_path / 'x.tgz', [('index.js', b'1')], top='left-pad')
    assert tarball_files(tgz) == [PackedFile('index.js', 1)]


def test_files_in_npm_json_order(tmp_path):
    tgz = _tgz(tmp_path / 'x.tgz', [(n, b'x') for n in ['b.js', 'A.md', 'a.js', '10.js', '9.js']])
    assert [f.path for f in tarball_files(tgz)] == ['9.js', '10.js', 'A.md', 'a.js', 'b.js']


def test_real_npm_pack_tarball_equals_dry_run(tmp_path):
    """A tarball written by real `npm pack` lists as `npm pack --dry-run --json` (oracle)."""
    import json
    import subprocess

    pkg = tmp_path / 'pkg'
    (pkg / 'lib').mkdir(parents=True)
    (pkg / 'package.json').write_text(json.dumps({'name': 'p', 'version': '1.0.0'}))
    (pkg / 'lib' / 'x.js.map').write_text('{"version":3}')
    (pkg / 'README.md').write_text('# p\n')
    subprocess.run(('npm', 'pack', '--ignore-scripts', '--pack-destination', str(tmp_path)),
                   cwd=pkg, check=True, capture_output=True)
    files = tarball_files(tmp_path / 'p-1.0.0.tgz')
    assert [(f.path, f.size) for f in files] == npm_pack(pkg)


@pytest.mark.parametrize('data', [
    pytest.param(b'not gzip at all', id='not-gzip'),
    pytest.param(gzip.compress(b'x' * 1000), id='gzip-not-tar'),
    pytest.param(b'', id='empty'),
])
def test_corrupt_tarball_is_bad_input(tmp_path, data):
    bad = tmp_path / 'bad.tgz'
    bad.write_bytes(data)
    with pytest.raises(BadInput) as e:
        tarball_files(bad)
    assert str(e.value).startswith(f'{bad}: not a gzip tarball npm could read')


def test_truncated_tarball_is_bad_input(tmp_path):
    tgz = _tgz(tmp_path / 'x.tgz', [('a.js', b'x' * 100_000)])
    data = tgz.read_bytes()
    tgz.write_bytes(data[:len(data) // 2])
    with pytest.raises(BadInput):
        for m in read_tarball(tgz):
            m.stream.read()


def test_missing_tarball(tmp_path):
    with pytest.raises(BadInput) as e:
        tarball_files(tmp_path / 'nope.tgz')
    assert str(e.value) == f'{tmp_path / "nope.tgz"}: no such tarball'
