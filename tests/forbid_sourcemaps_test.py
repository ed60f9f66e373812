from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path

import pytest

from hooks.forbid_sourcemaps import find_sourcemaps
from hooks.forbid_sourcemaps import main
from tests.conftest import run_git
from tests.conftest import run_pre_commit
from tests.registry import unpacked

MAP = {
    'version': 3,
    'sources': ['../src/a.ts', '../src/b.ts'],
    'sourcesContent': ['export const a = 1;\n', 'export const b = 2;\n'],
    'mappings': 'AAAA',
}
MAP_TEXT = json.dumps(MAP)
MAP_SIZE = len(MAP_TEXT)  # 121 B
INLINE_JS = (
    '!function(){var a=1}();\n'
    '//# sourceMappingURL=data:application/json;charset=utf-8;base64,'
    + base64.b64encode(MAP_TEXT.encode()).decode() + '\n'
)
FIX = 'do not commit build output, or add it to .gitignore'
INLINE_FIX = 'turn off inline source maps in the build, or do not commit build output'


def _files(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    for name, data in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode() if isinstance(data, str) else data)
    return list(files)


def test_main_prints_one_line_per_map(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    names = _files(tmp_path, {
        'dist/x.js.map': MAP_TEXT,
        'dist/renamed.json': MAP_TEXT,
        'dist/x.js': 'var x;\n//# sourceMappingURL=x.js.map\n',
        'firmware.map': 'Memory Configuration\n\nName Origin Length\n',
        'package.json': '{"name": "x", "version": "1.0.0"}',
    })
    assert main(names) == 1
    what = f'source map with 2 sources, all with embedded source text ({MAP_SIZE} B); {FIX}'
    assert capsys.readouterr() == (
        f'dist/x.js.map: {what}\ndist/renamed.json: {what}\npackguard: 2 errors\n', '',
    )


def test_inline_only_with_the_option(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    names = _files(tmp_path, {'app.min.js': INLINE_JS, 'style.css': 'a{}\n'})
    assert main(names) == 0
    assert capsys.readouterr() == ('', '')
    assert main(['--inline', *names]) == 1
    assert capsys.readouterr().out == (
        f'app.min.js:2: inline source map with 2 sources, all with embedded source text '
        f'({MAP_SIZE} B); {INLINE_FIX}\n'
        'packguard: 1 error\n'
    )


def test_inline_only_in_scripts_and_styles(tmp_path):
    names = _files(tmp_path, {'notes.md': INLINE_JS, 'a.css': INLINE_JS, 'a.mjs': INLINE_JS})
    findings, errors = find_sourcemaps([str(tmp_path / n) for n in names], inline=True)
    assert [Path(f.path).name for f in findings] == ['a.css', 'a.mjs']
    assert errors == []


def test_allow(tmp_path):
    names = _files(tmp_path, {
        'vendor/lib.js.map': MAP_TEXT, 'dist/x.js.map': MAP_TEXT, 'vendor/lib.js': INLINE_JS,
    })
    paths = [str(tmp_path / n) for n in names]
    findings, _ = find_sourcemaps(paths, inline=True, allow=[f'{tmp_path}/vendor/'])
    assert [f.path for f in findings] == [str(tmp_path / 'dist/x.js.map')]


def test_bad_input_is_one_line_and_the_rest_is_checked(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    names = _files(tmp_path, {
        'a.map': b'\x00\x01binary', 'b.map': b'', 'c.map': b'[1, 2]',
        'd.js.map': '{"version": 3, "sources": ["a.js"], "sourcesContent": ["x',
        'e.js.map': MAP_TEXT,
    })
    (tmp_path / 'dir.map').mkdir()
    assert main([*names, 'gone.map', 'dir.map']) == 2
    out, err = capsys.readouterr()
    assert err == (
        'd.js.map: broken source map: parse error: premature EOF\n'
        'gone.map: cannot read: No such file or directory\n'
        'dir.map: cannot read: Is a directory\n'
    )
    assert out.splitlines()[0].startswith('e.js.map: source map with 2 sources')


def test_huge_sparse_files(tmp_path):
    """A 200 MB file that is no map is rejected on its first bytes, without a traceback."""
    for name in ('huge.map', 'huge.json'):
        with open(tmp_path / name, 'wb') as f:
            f.truncate(200_000_000)
    assert find_sourcemaps([str(tmp_path / 'huge.map'), str(tmp_path / 'huge.json')]) == ([], [])


def test_json_output(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _files(tmp_path, {'x.js.map': MAP_TEXT})
    assert main(['--format', 'json', 'x.js.map']) == 1
    (finding,) = json.loads(capsys.readouterr().out)['findings']
    assert finding['rule'] == 'sourcemap-file'
    assert finding['severity'] == 'error'
    assert finding['path'] == 'x.js.map'


# -- the real pre-commit --------------------------------------------------


@pytest.fixture
def real_map() -> bytes:
    """A real rollup map with embedded sources (@jridgewell/trace-mapping's, from npm)."""
    dist = unpacked('@jridgewell/trace-mapping@0.3.25') / 'dist'
    return (dist / 'trace-mapping.umd.js.map').read_bytes()


def _linker_map(repo: Path) -> bytes:
    """A GNU ld map file, made by the real linker (gcc -Wl,-Map)."""
    (repo.parent / 'main.c').write_text('int main(void) { return 0; }\n')
    subprocess.run(
        ('gcc', str(repo.parent / 'main.c'), '-o', str(repo.parent / 'main'),
         f'-Wl,-Map={repo.parent / "main.map"}'),
        check=True, capture_output=True,
    )
    return (repo.parent / 'main.map').read_bytes()


def test_pre_commit_refuses_maps_by_content(git_repo, real_map):
    """Oracle: the real pre-commit, running the manifest's hook on staged files."""
    size = f'{len(real_map) / 1000:.1f} kB'
    odd = 'dist/cartes été/x ü.js.map'
    _files(git_repo, {
        'dist/x.js.map': real_map,
        'dist/x.json': real_map,
        odd: real_map,
        'firmware/main.map': _linker_map(git_repo),
        'dist/app.min.js': INLINE_JS,
        'src/index.js': 'export default 1;\n',
    })
    run_git(git_repo, 'add', '.')
    proc = run_pre_commit(git_repo, 'forbid-sourcemaps')
    assert proc.returncode == 1, proc.stdout + proc.stderr
    what = f'source map with 8 sources, all with embedded source text ({size}); {FIX}'
    lines = proc.stdout.splitlines()
    assert f'dist/x.js.map: {what}' in lines
    assert f'dist/x.json: {what}' in lines
    assert f'{odd}: {what}' in lines
    assert sum(line.startswith('dist/') for line in lines) == 3
    assert 'main.map' not in proc.stdout
    assert 'app.min.js' not in proc.stdout


def test_pre_commit_inline_maps(git_repo):
    """Oracle: the real pre-commit; --inline in args turns the inline check on."""
    _files(git_repo, {
        'dist/app.min.js': INLINE_JS,
        'dist/app.css': 'a{}\n/*# sourceMappingURL=app.css.map */\n',
        'docs/notes ü.md': INLINE_JS,
    })
    run_git(git_repo, 'add', '.')
    proc = run_pre_commit(git_repo, 'forbid-sourcemaps')
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert 'Passed' in proc.stdout
    proc = run_pre_commit(git_repo, 'forbid-sourcemaps', args=['--inline'])
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert (
        f'dist/app.min.js:2: inline source map with 2 sources, all with embedded source text '
        f'({MAP_SIZE} B); {INLINE_FIX}'
    ) in lines
    assert 'packguard: 1 error' in lines


def test_pre_commit_deleted_after_staging(git_repo):
    """A staged map deleted from the work tree: pre-commit still runs; no traceback."""
    _files(git_repo, {'x.js.map': MAP_TEXT, 'y.js.map': MAP_TEXT})
    run_git(git_repo, 'add', '.')
    (git_repo / 'x.js.map').unlink()
    proc = run_pre_commit(git_repo, 'forbid-sourcemaps')
    assert 'Traceback' not in proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert 'y.js.map: source map with 2 sources' in proc.stdout



@pytest.mark.parametrize(('path', 'status'), [
    pytest.param('packages/core/test/fixtures/out.js.map', 0, id='fixture-warning'),
    pytest.param('dist/out.js.map', 1, id='build-output-error'),
])
def test_maps_in_test_fixtures_are_warnings(tmp_path, monkeypatch, capsys, path, status):
    """Test suites commit maps as fixtures (babel, rollup, terser, svelte, vite):
    a warning there (exit 1 only with --strict), an error elsewhere."""
    monkeypatch.chdir(tmp_path)
    target = tmp_path / path
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps({'version': 3, 'sources': ['a.js'], 'mappings': 'AAAA'}))
    assert main([path]) == status
    out = capsys.readouterr().out
    assert out.startswith(f'{path}: ' + ('warning: ' if status == 0 else ''))
    assert main(['--strict', path]) == 1
