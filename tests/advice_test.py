"""A fix a message gives must work: each test applies the fix the finding names
to the tree, then shows with the real npm 11 (oracle: `npm pack --dry-run
--json`) that what leaked no longer ships and the build output still does, and
that packguard's finding is gone (issue #12)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from hooks.check_npm_publish import main
from tests.conftest import write_tree
from tests.npm_oracle import npm_pack


def _check(capsys: pytest.CaptureFixture[str], pkg: Path) -> tuple[int, list[str]]:
    code = main(['--packer', 'npm@11', str(pkg)])
    return code, capsys.readouterr().out.splitlines()


def _fix_quoted(line: str) -> str:
    """The rule in 'add "RULE" to FILE' advice."""
    return line.split('add "', 1)[1].split('"', 1)[0]


def test_shadowed_file_in_build_output_fix_names_the_file(tmp_path, capsys):
    """main points into the gitignored dist/: the advice is to ignore the one
    file, since the .gitignore rule (dist/) would not keep .env out (npm enters
    a folder main points into) and is about the build itself."""
    pkg = write_tree(tmp_path / 'pkg', {
        'package.json': json.dumps({'name': 'p', 'version': '1.0.0', 'main': 'dist/index.js'}),
        '.gitignore': 'dist/\n',
        '.npmignore': 'src/\n',
        'src/index.ts': 'export {}\n',
        'dist/index.js': 'module.exports = 1\n',
        'dist/.env': 'API_URL=https://example.invalid\n',
    })
    code, lines = _check(capsys, pkg)
    assert code == 1
    shadowed = [ln for ln in lines if 'ignored by' in ln]
    assert len(shadowed) == 1
    assert 'add "/dist/.env" to .npmignore' in shadowed[0]
    with open(pkg / '.npmignore', 'a') as f:
        f.write(_fix_quoted(shadowed[0]) + '\n')
    shipped = [p for p, _ in npm_pack(pkg)]
    assert 'dist/.env' not in shipped
    assert 'dist/index.js' in shipped
    code, lines = _check(capsys, pkg)
    assert code == 0, lines
    assert not [ln for ln in lines if 'dist/.env' in ln]


def test_env_file_fix_keeps_it_out(tmp_path, capsys):
    """'add ".env*" to .npmignore' works with the real npm, and nothing else changes."""
    pkg = write_tree(tmp_path / 'pkg', {
        'package.json': json.dumps({'name': 'p', 'version': '1.0.0', 'main': 'index.js'}),
        '.npmignore': 'test/\n',
        '.env': 'API_URL=https://example.invalid\n',
        '.env.local': 'X=1\n',
        'index.js': 'x\n',
    })
    before = {p for p, _ in npm_pack(pkg)}
    code, lines = _check(capsys, pkg)
    assert code == 1
    env = [ln for ln in lines if ln.startswith(str(pkg) + '/.env')]
    assert env and all('add ".env*" to .npmignore' in ln for ln in env)
    with open(pkg / '.npmignore', 'a') as f:
        f.write('.env*\n')
    after = {p for p, _ in npm_pack(pkg)}
    assert before - after == {'.env', '.env.local'}
    assert _check(capsys, pkg)[0] == 0


@pytest.mark.parametrize('fix', ['files', 'npmignore'])
def test_source_map_fix_keeps_maps_out(tmp_path, capsys, fix):
    """'add "!**/*.map" to "files" (or "*.map" to .npmignore)': both work with the
    real npm, the JS still ships."""
    smap = json.dumps({'version': 3, 'sources': ['../src/a.ts'], 'sourcesContent': ['x'],
                       'names': [], 'mappings': 'AAAA'})
    manifest = {'name': 'p', 'version': '1.0.0', 'main': 'dist/a.js'}
    if fix == 'files':
        manifest['files'] = ['dist']
    pkg = write_tree(tmp_path / 'pkg', {
        'package.json': json.dumps(manifest),
        'dist/a.js': 'x\n//# sourceMappingURL=a.js.map\n',
        'dist/a.js.map': smap,
        'dist/sub/b.js.map': smap,
    })
    code, lines = _check(capsys, pkg)
    assert code == 1
    advice = [ln for ln in lines if '.map:' in ln]
    assert advice and all('add "!**/*.map" to "files" (or "*.map" to .npmignore)' in ln
                          for ln in advice)
    if fix == 'files':
        manifest['files'] = ['dist', '!**/*.map']
        (pkg / 'package.json').write_text(json.dumps(manifest))
    else:
        (pkg / '.npmignore').write_text('*.map\n')
    shipped = {p for p, _ in npm_pack(pkg)}
    assert 'dist/a.js' in shipped
    assert not [p for p in shipped if p.endswith('.map')]
    _, lines = _check(capsys, pkg)
    assert not [ln for ln in lines if '.map:' in ln and 'sourceMappingURL' not in ln]


def test_published_baseline_fix(tmp_path, capsys):
    """A baseline that would ship is a warning whose fix keeps it out (real npm)."""
    from hooks.baseline import main as baseline

    pkg = write_tree(tmp_path / 'pkg', {
        'package.json': json.dumps({'name': 'p', 'version': '1.0.0', 'main': 'index.js'}),
        '.npmignore': 'test/\n',
        'index.js': 'x\n',
    })
    assert baseline([str(pkg)]) == 0
    capsys.readouterr()
    assert '.packguard-baseline.json' in {p for p, _ in npm_pack(pkg)}
    _, lines = _check(capsys, pkg)
    warned = [ln for ln in lines if 'baseline would be published' in ln]
    assert len(warned) == 1
    with open(pkg / '.npmignore', 'a') as f:
        f.write(_fix_quoted(warned[0]) + '\n')
    assert '.packguard-baseline.json' not in {p for p, _ in npm_pack(pkg)}
    _, lines = _check(capsys, pkg)
    assert not [ln for ln in lines if 'baseline would be published' in ln]
