from __future__ import annotations

import base64
import io
import json
import os
import tarfile
import tracemalloc
from pathlib import Path

import pytest

from hooks.findings import BadInput
from hooks.judge import sourcemap
from hooks.judge.sourcemap import InlineMap
from hooks.judge.sourcemap import SourceMapInfo
from hooks.judge.sourcemap import describe
from hooks.judge.sourcemap import external_map_refs
from hooks.judge.sourcemap import human_size
from hooks.judge.sourcemap import inline_maps
from hooks.judge.sourcemap import is_script_or_style
from hooks.judge.sourcemap import map_comments
from hooks.judge.sourcemap import read_sourcemap
from hooks.judge.sourcemap import read_sourcemap_stream
from tests.registry import unpacked

SMALL = {
    'version': 3,
    'file': 'x.js',
    'sources': ['../src/a.ts', '../src/b.ts', '../src/c.ts'],
    'sourcesContent': ['export const a = 1;\n', None, 'export const c = 3;\n'],
    'names': [],
    'mappings': 'AAAA;AACA',
}


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode() if isinstance(data, str) else data)
    return p


def _oracle(path: Path) -> tuple[int, int]:
    """(sources, embedded) by a full json.load: the slow, obvious reading."""
    with open(path, 'rb') as f:
        data = json.load(f)
    content = data.get('sourcesContent') or []
    return len(data['sources']), sum(isinstance(c, str) for c in content)


@pytest.mark.parametrize(
    ('data', 'sources', 'embedded'),
    (
        pytest.param(SMALL, SMALL['sources'], ('../src/a.ts', '../src/c.ts'), id='partial'),
        pytest.param(
            {'version': 3, 'sources': ['a.js'], 'mappings': ''}, ('a.js',), (),
            id='no-sourcesContent',
        ),
        pytest.param(
            {
                'sourcesContent': ['x', 'y'], 'mappings': 'A',
                'sources': ['a.js', 'b.js'], 'version': 3,
            },
            ('a.js', 'b.js'), ('a.js', 'b.js'),
            id='content-before-sources-version-last',
        ),
        pytest.param(
            {'version': '3', 'sources': ['a.js'], 'mappings': 'A'}, ('a.js',), (),
            id='version-as-string',
        ),
        pytest.param(
            {
                'version': 3, 'sources': ['a.js', None, 'c.js'],
                'sourcesContent': [{'odd': ['x']}, 'text', None], 'mappings': 'A',
            },
            ('a.js', '', 'c.js'), ('',),
            id='null-source-and-object-content',
        ),
        pytest.param(
            {
                'version': 3, 'file': 'x.js',
                'sections': [
                    {'offset': {'line': 0, 'column': 0}, 'map': {
                        'version': 3, 'sources': ['a.js', 'b.js'],
                        'sourcesContent': ['a', None], 'mappings': 'A',
                    }},
                    {'offset': {'line': 9, 'column': 0}, 'map': {
                        'version': 3, 'sources': ['c.js'],
                        'sourcesContent': ['c'], 'mappings': 'A',
                    }},
                ],
            },
            ('a.js', 'b.js', 'c.js'), ('a.js', 'c.js'),
            id='index-map-sections',
        ),
        pytest.param(
            {'version': 3, 'sources': [], 'mappings': ''}, (), (), id='no-sources',
        ),
    ),
)
def test_read_sourcemap(tmp_path, data, sources, embedded):
    p = _write(tmp_path, 'x.js.map', json.dumps(data))
    assert read_sourcemap(p) == SourceMapInfo(
        size=p.stat().st_size, sources=tuple(sources), embedded=tuple(embedded),
    )


@pytest.mark.parametrize(
    ('name', 'prefix'),
    (
        pytest.param('x.js.map', b'', id='map'),
        pytest.param('x.json', b'', id='renamed-json'),
        pytest.param('x', b'', id='no-extension'),
        pytest.param('x.map.json', b'\xef\xbb\xbf', id='bom'),
        pytest.param('x.map', b")]}'\n", id='xssi-prefix'),
        pytest.param('x.map', b'\n' * 3000 + b'  ', id='leading-whitespace'),
    ),
)
def test_recognised_by_content_whatever_the_name(tmp_path, name, prefix):
    p = _write(tmp_path, name, prefix + json.dumps(SMALL).encode() + b'\n')
    info = read_sourcemap(p)
    assert info is not None
    assert len(info.sources) == 3
    assert len(info.embedded) == 2


@pytest.mark.parametrize(
    'data',
    (
        pytest.param(b'', id='empty'),
        pytest.param(b'  \n\t', id='whitespace'),
        pytest.param(bytes(range(256)) * 8, id='binary-junk'),
        pytest.param(b'\x89PNG\r\n\x1a\n\0\0\0\rIHDR', id='png'),
        pytest.param(json.dumps([SMALL]).encode(), id='json-array'),
        pytest.param(b'"a string"', id='json-string'),
        pytest.param(json.dumps({**SMALL, 'version': 2}).encode(), id='version-2'),
        pytest.param(
            json.dumps({'name': 'x', 'version': '1.0.0', 'mappings': 'A'}).encode(),
            id='package-json-like',
        ),
        pytest.param(
            json.dumps({'version': 3, 'mappings': [{'pattern': 'ORDERS.*'}]}).encode(),
            id='version-3-but-mappings-not-a-string',
        ),
        pytest.param(
            json.dumps({'version': 3, 'sections': {'a': 1}}).encode(),
            id='version-3-but-sections-not-an-array',
        ),
        pytest.param(json.dumps({'version': 3, 'sources': []}).encode(), id='no-mappings'),
        pytest.param(json.dumps({'mappings': 'A', 'sources': []}).encode(), id='no-version'),
        pytest.param(
            b'\nArchive member included to satisfy reference by file (symbol)\n\n'
            b'Memory Configuration\n\nName             Origin             Length\n'
            b'*default*        0x0000000000000000 0xffffffffffffffff\n',
            id='gnu-ld-linker-map',
        ),
        pytest.param(b'MAP\n  NAME "world"\n  EXTENT -180 -90 180 90\nEND\n', id='mapserver'),
        pytest.param(
            b'{"sources": ["a.js"], "sourcesContent": ["x"', id='truncated-before-version',
        ),
        pytest.param(
            b'{"file": "\xff\xfe", "version": 3, "mappings": ""}', id='bad-utf8-before-version',
        ),
        pytest.param(b'{"version": 3, "mappings": ""} trailing', id='no-sources-trailing-junk'),
        pytest.param(b'{// comment\n"version": 3}', id='jsonc'),
    ),
)
def test_not_a_sourcemap(tmp_path, data):
    p = _write(tmp_path, 'x.map', data)
    if data.startswith(b'{"version": 3, "mappings": ""}'):
        # a map with no sources, followed by junk: still a (harmless) map
        assert read_sourcemap(p) == SourceMapInfo(len(data), (), ())
    else:
        assert read_sourcemap(p) is None


@pytest.mark.parametrize(
    ('data', 'message'),
    (
        pytest.param(
            b'{"version": 3, "sources": ["a.js"], "sourcesContent": ["const t = \'ghp_',
            'broken source map: parse error: premature EOF', id='truncated',
        ),
        pytest.param(
            b'{"version": 3, "sources": ["a.js"], "sourcesContent": ["\xff\xfe"], "mappings": ""}',
            'broken source map: lexical error: invalid bytes in UTF8 string',
            id='invalid-utf8',
        ),
    ),
)
def test_broken_sourcemap_is_bad_input_without_echoing_text(tmp_path, data, message):
    """A file that has shown it is a map still leaks what it holds: not waved through."""
    p = _write(tmp_path, 'x.js.map', data)
    with pytest.raises(BadInput) as e:
        read_sourcemap(p)
    assert str(e.value) == f'{p}: {message}'
    assert 'ghp_' not in str(e.value)


def test_unreadable_files_are_bad_input(tmp_path):
    loop = tmp_path / 'loop.map'
    os.symlink(loop, loop)
    cases = {
        tmp_path: 'Is a directory',
        tmp_path / 'gone.map': 'No such file or directory',
        loop: 'Too many levels of symbolic links',
    }
    for path, reason in cases.items():
        with pytest.raises(BadInput) as e:
            read_sourcemap(path)
        assert str(e.value) == f'{path}: cannot read: {reason}'


def test_streams_without_loading_the_map(tmp_path):
    """An 8 MB map is read with a small fraction of its size in Python memory."""
    body = 'x' * 10_000
    data = {
        'version': 3,
        'sources': [f'src/{i}.ts' for i in range(800)],
        'sourcesContent': [body] * 800,
        'mappings': 'AAAA;' * 1000,
    }
    p = _write(tmp_path, 'big.js.map', json.dumps(data))
    assert p.stat().st_size > 8_000_000
    tracemalloc.start()
    try:
        info = read_sourcemap(p)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info is not None
    assert len(info.embedded) == 800
    assert peak < 3_000_000  # two 1 MiB reads in flight, not 8 MB


@pytest.mark.parametrize(('text', 'is_map'), [
    pytest.param('{"version":"1.0.0","packages":{"a":{"version":3}}}', False, id='lockfile'),
    pytest.param('{"version":2,"mappings":"","sources":["a"],"version":3}', True,
                 id='last-version-wins'),
    pytest.param('{"version":3,"mappings":"","sources":["a"],"version":2}', False,
                 id='last-version-loses'),
    pytest.param('{"version":true,"mappings":""}', False, id='true-is-not-3'),
])
def test_the_last_version_key_decides_as_in_node(text, is_map):
    """node's JSON.parse keeps the last of duplicate keys, and source-map reads that one."""
    info = read_sourcemap_stream(io.BytesIO(text.encode()), len(text), 'x.map')
    assert (info is not None) == is_map


def test_non_map_json_is_read_through_in_bounded_memory(tmp_path):
    """package-lock.json style: "version" is not 3, but a later "version" key would win."""
    big = json.dumps({'name': 'x', 'version': '1.0.0', 'packages': {
        f'node_modules/p{i}': {'version': '1.0.0'} for i in range(200_000)
    }}).encode()
    tracemalloc.start()
    try:
        assert read_sourcemap_stream(io.BytesIO(big), len(big), 'package-lock.json') is None
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000  # ijson's events of one 1 MiB read, not the 9 MB file


def test_read_sourcemap_stream_from_tarball_member(tmp_path):
    raw = json.dumps(SMALL).encode()
    tgz = tmp_path / 'p.tgz'
    with tarfile.open(tgz, 'w:gz') as tf:
        member = tarfile.TarInfo('package/dist/x.js.map')
        member.size = len(raw)
        tf.addfile(member, io.BytesIO(raw))
    with tarfile.open(tgz, 'r:gz') as tf:
        m = tf.getmember('package/dist/x.js.map')
        f = tf.extractfile(m)
        assert f is not None
        info = read_sourcemap_stream(f, m.size, m.name)
    assert info == SourceMapInfo(len(raw), tuple(SMALL['sources']), ('../src/a.ts', '../src/c.ts'))


def test_truncated_tarball_member_is_bad_input(tmp_path):
    text = base64.b64encode(os.urandom(150_000)).decode()  # does not compress
    raw = json.dumps({**SMALL, 'sourcesContent': [text]}).encode()
    tgz = tmp_path / 'p.tgz'
    with tarfile.open(tgz, 'w:gz') as tf:
        member = tarfile.TarInfo('package/x.js.map')
        member.size = len(raw)
        tf.addfile(member, io.BytesIO(raw))
    cut = tmp_path / 'cut.tgz'
    cut.write_bytes(tgz.read_bytes()[:20_000])
    with tarfile.open(cut, 'r|gz') as tf, pytest.raises(BadInput) as e:
        for m in tf:
            f = tf.extractfile(m)
            assert f is not None
            read_sourcemap_stream(f, m.size, m.name)
    assert str(e.value).startswith('package/x.js.map: cannot read: ')


def test_real_rollup_maps_match_a_full_json_parse():
    """Oracle: json.load of real maps from an npm tarball (@jridgewell/trace-mapping)."""
    dist = unpacked('@jridgewell/trace-mapping@0.3.25') / 'dist'
    for name in ('trace-mapping.umd.js.map', 'trace-mapping.mjs.map'):
        info = read_sourcemap(dist / name)
        assert info is not None
        assert (len(info.sources), len(info.embedded)) == _oracle(dist / name) == (8, 8)
    assert read_sourcemap(dist / 'trace-mapping.umd.js') is None


def test_claude_code_2_1_88_cli_js_map():
    """The seed case, from the real tarball (npm pack): 4,756 sources, all embedded."""
    path = unpacked('@anthropic-ai/claude-code@2.1.88') / 'cli.js.map'
    info = read_sourcemap(path)
    assert info is not None
    assert describe(info) == '4,756 sources, all with embedded source text (59.8 MB)'
    assert info.all_embedded


# -- inline maps -----------------------------------------------------------


def _b64(data: object) -> str:
    return base64.b64encode(json.dumps(data).encode()).decode()


INLINE = f'//# sourceMappingURL=data:application/json;charset=utf-8;base64,{_b64(SMALL)}'


def _inline(text: str) -> list[InlineMap]:
    return list(inline_maps(io.BytesIO(text.encode())))


def _info() -> SourceMapInfo:
    raw = json.dumps(SMALL).encode()
    return SourceMapInfo(len(raw), tuple(SMALL['sources']), ('../src/a.ts', '../src/c.ts'))


@pytest.mark.parametrize(
    ('text', 'expected'),
    (
        pytest.param(f'var a=1;\n{INLINE}\n', [(2, True)], id='last-line'),
        pytest.param(f'var a=1;\n{INLINE}', [(2, True)], id='no-final-newline'),
        pytest.param(
            f'{INLINE}\nvar a=1;\n{INLINE}\n', [(1, True), (3, True)], id='several',
        ),
        pytest.param(
            INLINE.replace('//#', '//@') + '\n', [(1, True)], id='old-at-form',
        ),
        pytest.param(
            f'a{{}}\n/*# sourceMappingURL=data:application/json;base64,{_b64(SMALL)} */\n',
            [(2, True)], id='css-block-comment',
        ),
        pytest.param(
            f'a{{}}\n/*# sourceMappingURL=data:application/json;base64,{_b64(SMALL)}*/',
            [(2, True)], id='css-block-no-space',
        ),
        pytest.param(
            'eval("var a = 1;\\n' + INLINE + '\\n//# sourceURL=webpack://x/a.js");\n',
            [(1, True)], id='webpack-eval-string',
        ),
        pytest.param(
            'var s = "//# sourceMappingURL=data:application/json;charset=utf-8;base64," + b;\n',
            [], id='bundler-code-string-no-payload',
        ),
        pytest.param(
            'var re = /\\/\\/[#@] sourceMappingURL=data:application\\/json[^,]+base64,/;\n',
            [], id='regex-source',
        ),
        pytest.param(
            'var t = `//# sourceMappingURL=data:application/json;base64,${b64}`;\n',
            [], id='template-literal-no-payload',
        ),
        pytest.param(
            '//# sourceMappingURL=data:application/json;base64,!!!!\n', [], id='no-payload',
        ),
        pytest.param(
            '//# sourceMappingURL=data:application/json;base64,'
            + base64.b64encode(b'{"version": 3, "sources": ["a.js"').decode() + '\n',
            [(1, False)], id='truncated-map',
        ),
        pytest.param(
            '//# sourceMappingURL=data:application/json;base64,e30=\n', [], id='empty-object',
        ),
        pytest.param(
            "t('//# sourceMappingURL=data:application/json;base64,abc=def');\n", [],
            id='short-non-base64-in-a-test-string',
        ),
        pytest.param('var x = 1;\n//# sourceMappingURL=x.js.map\n', [], id='external'),
    ),
)
def test_inline_maps(text, expected):
    got = _inline(text)
    assert [(m.line, m.info is not None) for m in got] == expected
    for m in got:
        if m.info is not None:
            assert m.info == _info()
            assert m.error is None
        else:
            assert m.error


@pytest.mark.parametrize(
    ('payload', 'error'),
    (
        pytest.param(
            'abc=def' * 10, 'inline source map is not valid base64', id='long-bad-base64',
        ),
        pytest.param('abc=def', None, id='short-bad-base64'),
        pytest.param('a', None, id='one-char'),
        pytest.param(base64.b64encode(b'[1, 2]').decode(), None, id='not-a-map'),
        pytest.param(
            base64.b64encode(b'{"version": 3, "sources": ["a"').decode(),
            'inline broken source map: parse error: premature EOF', id='truncated',
        ),
    ),
)
def test_inline_map_errors(payload, error):
    text = f'//# sourceMappingURL=data:application/json;base64,{payload}'
    got = [(m.line, m.info, m.error) for m in _inline(text)]
    assert got == ([(1, None, error)] if error else [])


def test_inline_map_percent_encoded():
    from urllib.parse import quote

    text = f'//# sourceMappingURL=data:application/json,{quote(json.dumps(SMALL))}\n'
    (m,) = _inline(text)
    assert m.info is not None
    assert m.info.embedded == ('../src/a.ts', '../src/c.ts')


def test_inline_url_safe_base64_without_padding():
    b64 = base64.urlsafe_b64encode(json.dumps(SMALL).encode()).decode().rstrip('=')
    (m,) = _inline(f'//# sourceMappingURL=data:application/json;base64,{b64}')
    assert m.info == _info()


@pytest.mark.parametrize('read_size', (1, 7, 64, 300, 1 << 20))
def test_comments_split_across_reads(monkeypatch, read_size):
    """Every comment is found and on the right line, wherever the reads cut the file."""
    monkeypatch.setattr(sourcemap, 'READ_SIZE', read_size)
    text = (
        'x'.join(['a\n'] * 50) + INLINE + '\n' + 'y' * 500 + '\n'
        '//# sourceMappingURL=app.js.map\n' + '\n' * 3 + INLINE.replace('//#', '/*#') + ' */'
    )
    got = list(map_comments(io.BytesIO(text.encode())))
    assert [(c.line, c.info is not None) if isinstance(c, InlineMap) else c for c in got] == [
        (51, True), (53, 'app.js.map'), (57, True),
    ]


@pytest.mark.parametrize(
    ('text', 'expected'),
    (
        pytest.param('a\n//# sourceMappingURL=app.js.map\n', [(2, 'app.js.map')], id='js'),
        pytest.param('a\n//# sourceMappingURL=app.js.map', [(2, 'app.js.map')], id='no-newline'),
        pytest.param('a{}\n/*# sourceMappingURL=a.css.map */', [(2, 'a.css.map')], id='css'),
        pytest.param('a{}\n/*# sourceMappingURL=a.css.map*/', [(2, 'a.css.map')], id='css-tight'),
        pytest.param(
            'x = "//# sourceMappingURL=" + name + ".map";\n', [], id='string-concatenation',
        ),
        pytest.param("x = '//# sourceMappingURL=a.map';\n", [], id='string-literal'),
        pytest.param(INLINE, [], id='data-url-is-inline'),
    ),
)
def test_external_map_refs(text, expected):
    assert external_map_refs(io.BytesIO(text.encode())) == expected


def test_real_js_with_its_map_inlined():
    """A real rollup bundle whose external comment is swapped for the map as a data: URL."""
    dist = unpacked('@jridgewell/trace-mapping@0.3.25') / 'dist'
    js = (dist / 'trace-mapping.umd.js').read_bytes()
    with open(dist / 'trace-mapping.umd.js', 'rb') as f:
        # lines 366 and 387 say `(like a "//# sourceMappingURL=")` in a comment: not refs
        line = js[:js.rindex(b'//# sourceMappingURL')].count(b'\n') + 1
        assert external_map_refs(f) == [(line, 'trace-mapping.umd.js.map')]
    raw = (dist / 'trace-mapping.umd.js.map').read_bytes()
    inlined = js.replace(
        b'//# sourceMappingURL=trace-mapping.umd.js.map',
        b'//# sourceMappingURL=data:application/json;charset=utf-8;base64,' +
        base64.b64encode(raw),
    )
    (m,) = inline_maps(io.BytesIO(inlined))
    assert m.info is not None
    assert (len(m.info.sources), len(m.info.embedded), m.info.size) == (8, 8, len(raw))


@pytest.mark.parametrize(
    ('path', 'expected'),
    (
        pytest.param('dist/a.js', True, id='js'),
        pytest.param('a.mjs', True, id='mjs'),
        pytest.param('a.cjs', True, id='cjs'),
        pytest.param('a.jsx', True, id='jsx'),
        pytest.param('a.css', True, id='css'),
        pytest.param('A.JS', True, id='upper-case'),
        pytest.param('a.es6', True, id='es6'),
        pytest.param('a.js.map', False, id='map'),
        pytest.param('a.json', False, id='json'),
        pytest.param('a.ts', False, id='ts-source'),
        pytest.param('README.md', False, id='readme'),
        pytest.param('js', False, id='bare-name'),
    ),
)
def test_is_script_or_style(path, expected):
    assert is_script_or_style(path) is expected


@pytest.mark.parametrize(
    ('n', 'text'),
    (
        pytest.param(0, '0 B', id='zero'),
        pytest.param(999, '999 B', id='bytes'),
        pytest.param(1000, '1.0 kB', id='kB'),
        pytest.param(49_523, '49.5 kB', id='kB-decimal'),
        pytest.param(999_949, '999.9 kB', id='below-MB'),
        pytest.param(999_950, '1.0 MB', id='rounds-up-to-MB'),
        pytest.param(59_766_257, '59.8 MB', id='claude-code-map'),
        pytest.param(2_500_000_000, '2.5 GB', id='GB'),
    ),
)
def test_human_size(n, text):
    assert human_size(n) == text


@pytest.mark.parametrize(
    ('sources', 'embedded', 'text'),
    (
        pytest.param(0, 0, 'no sources (10 B)', id='none'),
        pytest.param(1, 1, '1 source, with embedded source text (10 B)', id='one-embedded'),
        pytest.param(1, 0, '1 source, none with embedded source text (10 B)', id='one-bare'),
        pytest.param(4756, 4756, '4,756 sources, all with embedded source text (10 B)', id='all'),
        pytest.param(3, 2, '3 sources, 2 with embedded source text (10 B)', id='some'),
        pytest.param(2000, 0, '2,000 sources, none with embedded source text (10 B)', id='bare'),
    ),
)
def test_describe(sources, embedded, text):
    info = SourceMapInfo(10, tuple(map(str, range(sources))), tuple(map(str, range(embedded))))
    assert describe(info) == text


def test_is_script_or_style_agrees_with_identify():
    """The lookup in identify's tables gives what identify's tags_from_filename
    gives, for every name and extension identify knows (any case, nested dots)."""
    from identify import extensions
    from identify.identify import tags_from_filename

    from hooks.judge.sourcemap import SCRIPT_STYLE_EXTENSIONS
    from hooks.judge.sourcemap import SCRIPT_STYLE_TAGS

    names = [*extensions.NAMES, 'x', '.js', 'a.b.c', 'Dockerfile.js']
    for ext in [*extensions.EXTENSIONS, *extensions.EXTENSIONS_NEED_BINARY_CHECK]:
        names += [f'a.{ext}', f'a.min.{ext.upper()}', f'{ext}.txt']
    for name in names:
        for path in (name, f'dist/{name}'):
            expected = (os.path.splitext(name)[1].lower() in SCRIPT_STYLE_EXTENSIONS or
                        not SCRIPT_STYLE_TAGS.isdisjoint(tags_from_filename(path)))
            assert is_script_or_style(path) is expected, path
