"""Secrets in a source map's embedded sources, at the original file and line
(hooks.judge.embedded), and how check, --tarball and forbid-sourcemaps report them."""
from __future__ import annotations

import base64
import io
import json
import random
import string
import subprocess
import tarfile
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from hooks import forbid_sourcemaps
from hooks.judge.embedded import EmbeddedHit
from hooks.judge.embedded import EmbeddedScan
from hooks.judge.embedded import scan_embedded
from hooks.judge.embedded import shown_source
from hooks.judge.package import check
from hooks.judge.rules import Options
from hooks.judge.secrets import scan_secrets

_RNG = random.Random(77)
B62 = string.ascii_letters + string.digits
NPM = 'npm_' + ''.join(_RNG.choice(B62) for _ in range(36))
GH = 'ghp_' + ''.join(_RNG.choice(B62) for _ in range(36))
CONFIG = f'export const a = 1;\n\n// the registry\nexport const token = "{NPM}";\n'


def a_map(sources: list[str], contents: list[str | None], **more: object) -> dict[str, object]:
    return {'version': 3, 'sources': sources, 'sourcesContent': contents, 'mappings': 'AAAA',
            'names': ['a', 'b'], **more}


def scan(doc: object, *, raw: bytes | None = None) -> list[EmbeddedHit]:
    data = raw if raw is not None else json.dumps(doc).encode()
    return scan_embedded(io.BytesIO(data))


def test_file_map_at_the_original_line():
    doc = a_map(['../src/index.ts', '../src/config.ts'], ['console.log(1)\n', CONFIG])
    assert scan(doc) == [EmbeddedHit('../src/config.ts', 4, 'npm token')]


def test_lines_count_newline_escapes_only():
    """``\\\\n`` in the JSON is a backslash and an n in the source, not a line."""
    text = 'a = "x\\ny";\nb = `\\\\n`;\r\nc = "\\"";\n' + f'd = "{NPM}";\n'
    assert scan(a_map(['a.js'], [text])) == [EmbeddedHit('a.js', 4, 'npm token')]


def test_sources_after_contents_and_null_entries():
    raw = (
        '{"version":3,"mappings":"","sourcesContent":[null,"x",' +
        json.dumps(CONFIG) + ',42],"sources":["a.ts",null,"c.ts","d.ts"]}'
    ).encode()
    assert scan(None, raw=raw) == [EmbeddedHit('c.ts', 4, 'npm token')]


def test_source_root_and_unnamed_sources():
    doc = a_map(['config.ts'], [CONFIG], sourceRoot='../src')
    assert scan(doc) == [EmbeddedHit('../src/config.ts', 4, 'npm token')]
    assert scan(a_map([], [CONFIG])) == [EmbeddedHit('', 4, 'npm token')]


def test_index_map_sections_nested():
    inner = a_map(['webpack://app/./src/keys.ts'], [f'\n{GH}\n'])
    doc = {'version': 3, 'sections': [
        {'offset': {'line': 0, 'column': 0}, 'map': a_map(['a.ts'], ['nothing\n'])},
        {'offset': {'line': 5, 'column': 0}, 'map': {'version': 3, 'sections': [
            {'offset': {'line': 0, 'column': 0}, 'map': inner},
        ]}},
        {'offset': {'line': 9, 'column': 0}, 'url': 'x.map'},
    ]}
    assert scan(doc) == [EmbeddedHit('webpack://app/./src/keys.ts', 2, 'GitHub token')]


def test_prefixes_and_pretty_printing():
    doc = a_map(['a.ts'], [CONFIG])
    for head in (b'', b'\xef\xbb\xbf', b")]}'\n", b'  \n'):
        assert scan(None, raw=head + json.dumps(doc, indent=2).encode()) == [
            EmbeddedHit('a.ts', 4, 'npm token')]


def test_source_named_npmrc_gets_its_rules():
    npmrc = 'registry=https://r.example/\n//r.example/:_authToken=abc123def456\n'
    doc = a_map(['../.npmrc'], [npmrc])
    assert scan(doc) == [EmbeddedHit('../.npmrc', 2, 'npm auth token in .npmrc')]


def test_escaped_characters_in_a_secret():
    """A writer that escapes / (PHP) or non-ASCII (Python) hides nothing."""
    url = 'https://hooks.slack.com/services/TABCDEFGH/BABCDEFGH/' + 'aB3' * 8
    raw = json.dumps(a_map(['a.ts'], ['é\n' + url + '\n']), ensure_ascii=True).encode()
    raw = raw.replace(b'/', b'\\/')
    assert scan(None, raw=raw) == [EmbeddedHit('a.ts', 2, 'Slack webhook URL')]


@pytest.mark.parametrize('piece', (1, 2, 3, 5, 7, 64))
def test_any_cut_of_the_input(piece):
    """Escapes, UTF-8 characters and tokens split across reads change nothing."""
    text = 'é€😀 "q" \\ \\\\n \u2028\n' * 3 + f'x = "{NPM}"; // ü\n' + 'y\\n\n'
    data = json.dumps(a_map(['a.ts', 'b.ts'], [text, text]), ensure_ascii=False).encode()
    scan_ = EmbeddedScan()
    for i in range(0, len(data), piece):
        scan_.feed(data[i:i + piece])
    assert scan_.finish() == [
        EmbeddedHit('a.ts', 4, 'npm token'), EmbeddedHit('b.ts', 4, 'npm token'),
    ]


@pytest.mark.parametrize('raw', (
    pytest.param(b'', id='empty'),
    pytest.param(b'[1, 2]', id='array'),
    pytest.param(b'{"sourcesContent": ["' + NPM.encode(), id='cut-in-a-source'),
    pytest.param(b'{"sourcesContent": [1 2]}', id='broken'),
    pytest.param(b'{"sources": {"a": 1}, "sourcesContent": "x"}', id='wrong-types'),
    pytest.param(b'{"sections": [1, {"map": 2}, {"map": {"sections": 3}}]}', id='odd-sections'),
    pytest.param(b'{"sourcesContent": ["\\x"]}', id='bad-escape'),
))
def test_odd_input_never_raises(raw):
    hits = scan(None, raw=raw)
    assert all(isinstance(h, EmbeddedHit) for h in hits)


def test_deep_sections_are_bounded():
    doc: dict[str, object] = a_map(['a.ts'], [CONFIG])
    for _ in range(40):
        doc = {'version': 3, 'sections': [{'offset': {'line': 0, 'column': 0}, 'map': doc}]}
    assert scan(doc) == []  # past 16 levels nothing is read (nor is it a map for anyone)


_BIG_LINE = 'export const v = "0123456789 \\"quoted\\" \\\\ backslash";\n'
_BIG_PIECE = json.dumps(_BIG_LINE * 20_000)[1:-1].encode()  # JSON-escaped, 20,000 lines


def _big_map(source_mb: int) -> Iterator[bytes]:
    """A map whose last source is ``source_mb`` MB long with a token on its last
    line, made piece by piece (the test never holds it)."""
    yield b'{"version":3,"sources":["a.ts","big/config.ts"],"mappings":"' + b'AAAA;' * 50_000
    yield b'","sourcesContent":["small\\n","'
    for _ in range(source_mb * 1_000_000 // len(_BIG_PIECE)):
        yield _BIG_PIECE
    yield json.dumps(f'const t = "{GH}";\n')[1:-1].encode() + b'"]}'


def _big_lines(source_mb: int) -> int:
    return source_mb * 1_000_000 // len(_BIG_PIECE) * 20_000 + 1


def test_big_map_is_json():
    json.loads(b''.join(_big_map(1)))


def test_a_large_source_streams_in_flat_memory():
    tracemalloc.start()
    try:
        scan_ = EmbeddedScan()
        for piece in _big_map(30):
            scan_.feed(piece)
        hits = scan_.finish()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert hits == [EmbeddedHit('big/config.ts', _big_lines(30), 'GitHub token')]
    assert peak < 12_000_000, peak


@pytest.mark.parametrize('seed', range(4))
def test_windows_agree_with_the_whole_text(seed):
    """Only windows around anchors are decoded; hits and lines are those of a scan
    of the whole decoded source, wherever the windows start (escapes, \\u, UTF-8)."""
    rng = random.Random(seed)
    bits = ['x', ' ', '\n', '"', '\\', 'é', '€', '😀', '\u2028', '\\n', 'token', ':/']
    parts = []
    for _ in range(600):
        parts.append(''.join(rng.choice(bits) for _ in range(rng.randrange(50, 400))))
        if rng.random() < 0.01:
            parts.append(rng.choice([NPM, GH, ' ' + NPM + '\n', f'"{GH}"']))
    text = ''.join(parts)
    expected = [(h.line, h.kind) for h in scan_secrets(io.BytesIO(text.encode()), 'a.ts')]
    assert expected
    got = [(h.line, h.kind) for h in scan(a_map(['a.ts'], [text]))]
    assert got == expected
    ascii_json = json.dumps(a_map(['a.ts'], [text]), ensure_ascii=True).encode()
    assert [(h.line, h.kind) for h in scan(None, raw=ascii_json)] == expected


@pytest.mark.parametrize(('source', 'map_path', 'shown'), (
    pytest.param('../src/config.ts', 'dist/cli.js.map', 'src/config.ts', id='relative'),
    pytest.param('config.ts', 'cli.js.map', 'config.ts', id='beside'),
    pytest.param('../../src/a.ts', 'dist/cli.js.map', '../src/a.ts', id='above-the-package'),
    pytest.param('webpack://app/./src/a.ts', 'x.map', 'src/a.ts', id='webpack'),
    pytest.param('webpack:///./src/a.ts?abcd', 'x.map', 'src/a.ts', id='webpack-no-namespace'),
    pytest.param('file:///home/u/p/a.ts', 'x.map', '/home/u/p/a.ts', id='file-url'),
    pytest.param('/home/u/p/a.ts', 'x.map', '/home/u/p/a.ts', id='absolute'),
    pytest.param('', 'x.map', '<unnamed source>', id='unnamed'),
))
def test_shown_source(source, map_path, shown):
    assert shown_source(source, map_path) == shown


# -- as the checks report it ---------------------------------------------------------


def _package(root: Path, *, allow: bool = True) -> Path:
    pkg = root / 'pkg'
    (pkg / 'dist').mkdir(parents=True)
    manifest = {'name': 'pkg', 'version': '1.0.0', 'license': 'MIT',
                'repository': 'github:acme/pkg', 'files': ['dist']}
    if allow:
        manifest['packguard'] = {'allow': ['dist/**']}
    (pkg / 'package.json').write_text(json.dumps(manifest))
    (pkg / 'dist/cli.js').write_text('console.log(1)\n//# sourceMappingURL=cli.js.map\n')
    (pkg / 'dist/cli.js.map').write_text(json.dumps(
        a_map(['../src/index.ts', '../src/config.ts'], ['console.log(1)\n', CONFIG])))
    inline = base64.b64encode(json.dumps(a_map(['webpack://pkg/./src/keys.ts'], [f'a\n{GH}\n']))
                              .encode()).decode()
    (pkg / 'dist/app.js').write_text(
        f'run();\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,{inline}\n')
    return pkg


SECRET_LINES = [
    ("pkg/dist/app.js:2: src/keys.ts:2: GitHub token embedded in the inline map's copy of "
     'src/keys.ts (value not shown); revoke it, then keep it out of the source (read it at run '
     'time) and rebuild: a source map carries the full text of every source'),
    ("pkg/dist/cli.js.map: src/config.ts:4: npm token embedded in the map's copy of "
     'src/config.ts (value not shown); revoke it, then keep it out of the source (read it at run '
     'time) and rebuild: a source map carries the full text of every source'),
]


def test_check_reports_secrets_even_in_allowed_maps(tmp_path, capsys, monkeypatch):
    from hooks.cli import main

    _package(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(['check', 'pkg']) == 1
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if 'embedded in' in line] == SECRET_LINES
    assert NPM not in out and GH not in out
    assert main(['check', 'pkg', '--format', 'json']) == 1
    out = capsys.readouterr().out
    found = [(f['path'], f['source'], f['source_line'], f['severity'])
             for f in json.loads(out)['findings'] if f['rule'] == 'secret']
    assert found == [('pkg/dist/app.js', 'src/keys.ts', 2, 'error'),
                     ('pkg/dist/cli.js.map', 'src/config.ts', 4, 'error')]
    assert NPM not in out and GH not in out
    assert main(['check', 'pkg', '--format', 'sarif']) == 1
    out = capsys.readouterr().out
    related = [r['relatedLocations'][0]['physicalLocation'] for r in json.loads(out)['runs'][0]
               ['results'] if r['ruleId'] == 'secret']
    assert related[1] == {'artifactLocation': {'uri': 'src/config.ts'}, 'region': {'startLine': 4}}
    assert NPM not in out and GH not in out


def test_printers_carry_the_original_file():
    from hooks.findings import Finding
    from hooks.findings import as_github
    from hooks.findings import as_json

    f = Finding('dist/x.js.map', "npm token embedded in the map's copy of src/a.ts", 'secret',
                source='src/a.ts', source_line=12)
    assert f.as_text() == (
        "dist/x.js.map: src/a.ts:12: npm token embedded in the map's copy of src/a.ts"
    )
    assert as_github(f) == (
        "::error file=dist/x.js.map,title=secret::src/a.ts:12: npm token embedded in the map's "
        'copy of src/a.ts'
    )
    one = json.loads(as_json([f]))['findings'][0]
    assert (one['path'], one['line'], one['source'], one['source_line']) == (
        'dist/x.js.map', None, 'src/a.ts', 12)
    plain = json.loads(as_json([Finding('a.js', 'm', 'secret', line=3)]))['findings'][0]
    assert 'source' not in plain  # only findings about an embedded source have the fields


def test_check_tarball_large_map_last_source(tmp_path, monkeypatch):
    """A packed tarball whose map is over the in-memory limit, the token in its last source."""
    from hooks.judge import package

    pkg = _package(tmp_path, allow=False)
    with (pkg / 'dist/big.js.map').open('wb') as f:
        for piece in _big_map(3):
            f.write(piece)
    tgz = tmp_path / 'pkg.tgz'
    with tarfile.open(tgz, 'w:gz') as tar:
        for p in sorted(pkg.rglob('*')):
            if p.is_file():
                tar.add(p, 'package/' + p.relative_to(pkg).as_posix())
    monkeypatch.setattr(package, 'IN_MEMORY', 1 << 20)  # the streamed path, as for 16 MiB+
    findings, errors = check(tarballs=[str(tgz)], options=Options())
    assert errors == []
    got = sorted((f.path.split('pkg.tgz/', 1)[1], f.source, f.source_line, f.severity)
                 for f in findings if f.rule == 'secret')
    big_line = _big_lines(3)
    assert got == [
        ('dist/app.js', 'src/keys.ts', 2, 'error'),
        ('dist/big.js.map', 'dist/big/config.ts', big_line, 'error'),
        ('dist/cli.js.map', 'src/config.ts', 4, 'error'),
    ]


def test_check_test_folder_map_is_a_warning(tmp_path):
    pkg = _package(tmp_path)
    (pkg / 'dist/cli.js.map').rename(pkg / 'dist/__fixtures__.js.map')
    (pkg / 'dist/fixtures').mkdir()
    (pkg / 'dist/fixtures/x.js.map').write_text(json.dumps(a_map(['a.ts'], [CONFIG])))
    findings, _ = check([str(pkg)], options=Options())
    got = {(f.path.split('dist/', 1)[1], f.severity) for f in findings if f.rule == 'secret'}
    assert got == {('app.js', 'error'), ('__fixtures__.js.map', 'error'),
                   ('fixtures/x.js.map', 'warning')}


def test_forbid_sourcemaps_staged_and_allowed(tmp_path, monkeypatch, capsys):
    _package(tmp_path)
    monkeypatch.chdir(tmp_path / 'pkg')
    assert forbid_sourcemaps.main(['--inline', '--allow', 'dist/**',
                                   'dist/cli.js.map', 'dist/app.js', 'dist/cli.js']) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [line.removeprefix('pkg/') for line in reversed(SECRET_LINES)] + [
        'packguard: 2 errors']
    assert forbid_sourcemaps.main(['dist/cli.js.map', '--format', 'json']) == 1
    got = json.loads(capsys.readouterr().out)['findings']
    assert [(f['rule'], f.get('source'), f.get('source_line')) for f in got] == [
        ('sourcemap-file', None, None), ('secret', 'src/config.ts', 4)]


def test_real_bundler_map(tmp_path):
    """A map written by a real bundler (esbuild 0.25.0, fetched from the npm
    registry): the token's line in the original TypeScript, not in the bundle."""
    work = tmp_path / 'w'
    (work / 'src').mkdir(parents=True)
    (work / 'src/config.ts').write_text(CONFIG)
    (work / 'src/index.ts').write_text('import { token } from "./config";\nconsole.log(token);\n')
    subprocess.run(
        ('npm', 'exec', '--yes', '--package=esbuild@0.25.0', '--', 'esbuild', 'src/index.ts',
         '--bundle', '--sourcemap', '--outfile=dist/out.js'),
        cwd=work, check=True, capture_output=True, timeout=300,
    )
    hits = scan_embedded((work / 'dist/out.js.map').open('rb'))
    assert hits == [EmbeddedHit('../src/config.ts', 4, 'npm token')]

