from __future__ import annotations

import base64
import json
import os
import subprocess
import tarfile
from pathlib import Path

import pytest

from hooks.check_npm_publish import main
from hooks.check_npm_publish import parse_growth
from hooks.check_npm_publish import parse_size
from tests.conftest import run_git
from tests.conftest import run_pre_commit
from tests.conftest import write_tree
from tests.registry import fetch_tarball
from tests.registry import unpacked

NPM_TOKEN = 'npm_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5'  # made up, full format


def manifest(**kw: object) -> str:
    data: dict[str, object] = {'name': 'pkg', 'version': '1.0.0'}
    data.update(kw)
    return json.dumps(data, indent=2) + '\n'


def smap(sources: list[str], contents: list[str | None] | None = None) -> str:
    data: dict[str, object] = {'version': 3, 'sources': sources, 'names': [], 'mappings': 'AAAA'}
    if contents is not None:
        data['sourcesContent'] = contents
    return json.dumps(data)


CLOSED = {'license': 'UNLICENSED', 'files': ['dist']}
OPEN = {'license': 'MIT', 'repository': 'github:acme/pkg', 'files': ['dist']}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def pkg(tmp_path, monkeypatch) -> Path:
    """An empty folder as the current folder, for a package to be written in."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- every finding kind, with its exact line -----------------------------------------

MAP_1 = smap(['../src/a.ts'], ['export const a = 1;\n'])

FINDING_CASES = [
    pytest.param(
        {'package.json': manifest(**CLOSED), 'dist/a.js': 'a()\n', 'dist/a.js.map': MAP_1},
        [],
        (
            'dist/a.js.map: source map with 1 embedded source (120 B) would be published by '
            'pkg@1.0.0; 1 of them is not otherwise in the package, so its full text leaks, and '
            'package.json declares neither an OSI-approved "license" nor a "repository"; add '
            '"!**/*.map" to "files" (or "*.map" to .npmignore) or turn off source maps in the build'
        ),
        1, id='map-embedded-closed-error',
    ),
    pytest.param(
        {'package.json': manifest(**OPEN), 'dist/a.js': 'a()\n', 'dist/a.js.map': MAP_1},
        [],
        (
            'dist/a.js.map: warning: source map with 1 embedded source (120 B) would be published '
            'by pkg@1.0.0; 1 of them is not otherwise in the package, so its full text leaks, but '
            'it is open source (MIT) with its sources public at https://github.com/acme/pkg; add '
            '"!**/*.map" to "files" (or "*.map" to .npmignore) or turn off source maps in the '
            'build, or --allow it'
        ),
        0, id='map-embedded-open-source-warning',
    ),
    pytest.param(
        {'package.json': manifest(license='MIT', files=['dist']), 'dist/a.js': 'a()\n',
         'dist/a.js.map': MAP_1},
        [],
        (
            'dist/a.js.map: source map with 1 embedded source (120 B) would be published by '
            'pkg@1.0.0; 1 of them is not otherwise in the package, so its full text leaks, and '
            'package.json names no "repository" where they are public; add "!**/*.map" to '
            '"files" (or "*.map" to .npmignore) or turn off source maps in the build'
        ),
        1, id='map-osi-without-repository-error',
    ),
    pytest.param(
        {'package.json': manifest(**CLOSED), 'dist/bundle': MAP_1},
        [],
        (
            'dist/bundle: source map with 1 embedded source (120 B) would be published by '
            'pkg@1.0.0; 1 of them is not otherwise in the package, so its full text leaks, and '
            'package.json declares neither an OSI-approved "license" nor a "repository"; add '
            '"!**/*.map" to "files" (or "*.map" to .npmignore) or turn off source maps in the build'
        ),
        1, id='map-recognised-by-content-without-extension',
    ),
    pytest.param(
        {'package.json': manifest(**CLOSED), 'dist/a.js.map': smap(['../src/a.ts', 'b.ts'])},
        [],
        (
            'dist/a.js.map: warning: source map with 2 sources, none embedded (83 B) would be '
            'published by pkg@1.0.0; it still reveals source paths and names; add "!**/*.map" to '
            '"files" (or "*.map" to .npmignore) or turn off source maps in the build'
        ),
        0, id='map-without-embedded-sources-warning',
    ),
    pytest.param(
        {'package.json': manifest(license='UNLICENSED', files=['dist', 'src']),
         'src/a.ts': 'export const a = 1;\n', 'dist/a.js.map': MAP_1},
        [],
        (
            'dist/a.js.map: warning: source map with 1 embedded source (120 B) would be published '
            'by pkg@1.0.0; its embedded sources are in the package anyway, but it reveals source '
            'paths; add "!**/*.map" to "files" (or "*.map" to .npmignore) or turn off source maps '
            'in the build'
        ),
        0, id='map-whose-sources-are-published-warning',
    ),
    pytest.param(
        {'package.json': manifest(**CLOSED),
         'dist/a.js': 'a()\n//# sourceMappingURL=data:application/json;base64,'
                      + base64.b64encode(MAP_1.encode()).decode() + '\n'},
        [],
        (
            'dist/a.js:2: inline source map with 1 embedded source (120 B) would be published by '
            'pkg@1.0.0; 1 of them is not otherwise in the package, so its full text leaks, and '
            'package.json declares neither an OSI-approved "license" nor a "repository"; turn '
            'off inline source maps in the build (devtool / sourcemap: "inline")'
        ),
        1, id='inline-map-error',
    ),
    pytest.param(
        {'package.json': manifest(**CLOSED), 'dist/a.js': 'a()\n//# sourceMappingURL=a.js.map\n'},
        ['-v'],
        (
            'dist/a.js:2: note: sourceMappingURL names a.js.map, which pkg@1.0.0 does not '
            'publish; nothing leaks, but debuggers will fail to load it; drop the comment in '
            'production builds (hidden source maps)'
        ),
        0, id='reference-to-unpublished-map-note',
    ),
    pytest.param(
        {'package.json': manifest(**CLOSED), 'dist/.env': 'TOKEN=abc\n'},
        [],
        (
            'dist/.env: env file would be published by pkg@1.0.0; env files hold secrets; add '
            '".env*" to .npmignore or list only build output in "files"'
        ),
        1, id='env-file-error',
    ),
    pytest.param(
        {'package.json': manifest(license='MIT', files=['dist', 'test']),
         'test/fixtures/.env.local': 'TOKEN=abc\n'},
        [],
        (
            'test/fixtures/.env.local: warning: env file would be published by pkg@1.0.0 (in a '
            'test folder, so maybe a fixture); env files hold secrets; add ".env*" to .npmignore '
            'or list only build output in "files"'
        ),
        0, id='env-file-in-test-folder-warning',
    ),
    pytest.param(
        {'package.json': manifest(**CLOSED), 'dist/.git-credentials': 'https://u:p@host\n'},
        [],
        (
            'dist/.git-credentials: git credentials file would be published by pkg@1.0.0; anyone '
            'who installs it gets the credential; remove it from the package and rotate it'
        ),
        1, id='credential-file-error',
    ),
    pytest.param(
        {'package.json': manifest(**CLOSED), 'dist/config.js': f'const t = "{NPM_TOKEN}";\n'},
        [],
        (
            'dist/config.js:1: npm token would be published by pkg@1.0.0 (value not shown); '
            'remove it from the file, and revoke it if the file was ever pushed or published'
        ),
        1, id='token-error',
    ),
    pytest.param(
        {'package.json': manifest(**CLOSED), 'dist/big.js': 'x' * 2000},
        ['--max-file-size', '1 kB'],
        (
            'dist/big.js: 2.0 kB file would be published by pkg@1.0.0, over --max-file-size '
            '1.0 kB; leave it out of the package or raise the budget'
        ),
        1, id='max-file-size-error',
    ),
    pytest.param(
        {'package.json': manifest(**CLOSED), 'dist/big.js': 'x' * 2000},
        ['--max-unpacked-size', '1500'],
        (
            'package.json: pkg@1.0.0 would publish 2.1 kB unpacked, over --max-unpacked-size '
            '1.5 kB; see what grew with packguard ls'
        ),
        1, id='max-unpacked-size-error',
    ),
    pytest.param(
        {'package.json': manifest(license='MIT'), 'index.js': 'x\n'},
        [],
        (
            'package.json: warning: pkg@1.0.0 has neither "files" nor .npmignore, so it publishes '
            'everything .gitignore does not exclude; add a "files" whitelist of the build output'
        ),
        0, id='no-whitelist-warning',
    ),
    pytest.param(
        {'package.json': manifest(license='MIT', files=['index.js', 'lbi']), 'index.js': 'x\n'},
        [],
        (
            'package.json:7: warning: "files" entry "lbi" matches nothing in pkg@1.0.0, so npm '
            'silently skips it; fix the typo or remove the entry'
        ),
        0, id='files-entry-typo-warning',
    ),
    pytest.param(
        {'package.json': manifest(license='MIT', files=['index.js', 'dist']), 'index.js': 'x\n'},
        ['-v'],
        (
            'package.json:7: note: "files" entry "dist" matches nothing yet in pkg@1.0.0: a build '
            'output folder not built; build before you pack'
        ),
        0, id='files-entry-not-built-note',
    ),
    pytest.param(
        {'package.json': manifest(license='MIT', files=['index.js', 'index.d.ts']),
         'index.js': 'x\n', '.gitignore': '/index.d.ts\n'},
        ['-v'],
        (
            'package.json:7: note: "files" entry "index.d.ts" matches nothing yet in pkg@1.0.0: '
            '.gitignore keeps it out of git, so it is build output not built; build before you '
            'pack'
        ),
        0, id='files-entry-gitignored-not-built-note',
    ),
    pytest.param(
        {'package.json': manifest(license='MIT', files=['*']), 'index.js': 'x\n'},
        [],
        (
            'package.json:6: warning: "files" entry "*" is as broad as pkg@1.0.0 itself, so the '
            'whitelist keeps nothing out; list the folders to publish instead'
        ),
        0, id='files-entry-too-broad-warning',
    ),
    pytest.param(
        {'package.json': manifest(license='MIT'), 'index.js': 'x\n', '.npmignore': 'test/\n',
         '.gitignore': 'node_modules/\ncoverage/\nnotes.txt\n', 'notes.txt': 'todo\n'},
        [],
        (
            'notes.txt: warning: ignored by .gitignore:3 but published, because .npmignore '
            'replaces .gitignore in this folder; copy the rule into .npmignore (pkg@1.0.0)'
        ),
        0, id='npmignore-shadows-gitignore-warning',
    ),
    pytest.param(
        {'package.json': manifest(license='MIT', main='dist/index.js'), '.npmignore': 'src/\n',
         '.gitignore': 'node_modules/\ndist/\n', 'dist/index.js': 'x\n'},
        ['-v'],
        (
            'dist/index.js: note: ignored by .gitignore:2 but published, because .npmignore '
            'replaces .gitignore in this folder; it is in dist/, which package.json "main" '
            'points into, so it is meant to ship (pkg@1.0.0)'
        ),
        0, id='npmignore-ships-gitignored-build-output-note',
    ),
    pytest.param(
        {'package.json': manifest(license='MIT', files=['index.js']), 'index.js': 'x\n',
         '.npmignore': 'test/\n'},
        ['-v'],
        (
            '.npmignore: note: pkg@1.0.0 sets "files", so npm ignores this root .npmignore; move '
            'its rules into "files" as "!pattern" entries, or delete it'
        ),
        0, id='npmignore-unused-note',
    ),
    pytest.param(
        {'package.json': manifest(private=True), 'index.js.map': MAP_1},
        ['-v'],
        (
            'package.json: note: pkg not checked: it is private ("private": true), npm never '
            'publishes it'
        ),
        0, id='private-package-skipped-note',
    ),
]


@pytest.mark.parametrize(('files', 'args', 'line', 'code'), FINDING_CASES)
def test_finding_lines(pkg, capsys, files, args, line, code):
    write_tree(pkg, files)
    status, out, err = run(capsys, *args)
    lines = out.splitlines()
    assert lines[0] == line
    assert len(lines) == 2  # the finding and the summary
    assert err == ''
    assert status == code


def test_workspace_package_takes_the_root_gitignore_unless_a_root_npmignore_hides_it(
        pkg, capsys):
    """npm reads a root .gitignore for each workspace package; a root .npmignore replaces it."""
    write_tree(pkg, {
        'package.json': manifest(private=True, workspaces=['packages/*']),
        '.gitignore': '.env\nnotes.txt\n',
        'packages/a/package.json': manifest(name='a', license='MIT'),
        'packages/a/.npmignore': 'test/\n', 'packages/a/index.js': 'x\n',
        'packages/a/.env': 'TOKEN=abc\n', 'packages/a/notes.txt': 'x',
    })
    assert run(capsys)[:2] == (0, 'packguard: no errors (2 files, 62 B unpacked)\n')
    (pkg / '.npmignore').write_text('coverage/\n')
    status, out, _ = run(capsys)
    assert status == 1
    assert (
        'packages/a/notes.txt: warning: ignored by .gitignore:2 but published, because '
        '.npmignore replaces .gitignore in this folder; copy the rule into .npmignore (a@1.0.0)'
    ) in out.splitlines()
    assert any(line.startswith('packages/a/.env: env file would be published by a@1.0.0')
               for line in out.splitlines())


def test_env_in_shadowed_gitignore_is_an_error_naming_the_line(pkg, capsys):
    write_tree(pkg, {
        'package.json': manifest(license='MIT'),
        'index.js': 'x\n',
        '.npmignore': 'test/\n',
        '.gitignore': 'node_modules/\ncoverage/\n.env\n',
        '.env': 'TOKEN=abc\n',
    })
    status, out, _ = run(capsys)
    assert out.splitlines() == [
        (
            '.env: ignored by .gitignore:3 but published, because .npmignore replaces .gitignore '
            'in this folder; copy the rule into .npmignore (pkg@1.0.0)'
        ),
        (
            '.env: env file would be published by pkg@1.0.0; env files hold secrets; add ".env*" '
            'to .npmignore or list only build output in "files"'
        ),
        'packguard: 2 errors (3 files, 74 B unpacked)',
    ]
    assert status == 1


def test_clean_package_has_no_findings(pkg, capsys):
    write_tree(pkg, {
        'package.json': manifest(license='MIT', repository='github:acme/pkg',
                                 files=['dist', '!**/*.map']),
        'dist/index.js': 'module.exports = 1;\n//# sourceMappingURL=index.js.map\n',
        'dist/index.js.map': MAP_1,
        'dist/index.d.ts': 'export {};\n',
        '.env': 'TOKEN=abc\n',
        'src/index.ts': 'export default 1;\n',
        'README.md': '# pkg\n',
        'LICENSE': 'MIT\n',
    })
    status, out, err = run(capsys)
    assert (status, out, err) == (0, 'packguard: no errors (5 files, 218 B unpacked)\n', '')


def test_a_publish_config_directory_needs_no_whitelist(pkg, capsys):
    """MUI-style: the package publishes build/, whose copied package.json has no "files"."""
    write_tree(pkg, {
        'package.json': manifest(license='MIT', publishConfig={'directory': 'build'}),
        'build/package.json': manifest(license='MIT', main='index.js'),
        'build/index.js': 'module.exports = 1;\n',
    })
    status, out, err = run(capsys)
    assert (status, out, err) == (0, 'packguard: no errors (2 files, 104 B unpacked)\n', '')


@pytest.mark.parametrize(
    ('files', 'expected'),
    [
        pytest.param({'dist/a.js.map': 'Archive member included to satisfy reference\n'},
                     '', id='linker-map-is-not-a-finding'),
        pytest.param({'dist/.env.example': 'TOKEN=\n'}, '', id='env-template-passes'),
        pytest.param({'dist/cert.pem': '-----BEGIN CERTIFICATE-----\nMIIB\n'}, '',
                     id='public-certificate-passes'),
        pytest.param({'dist/re.js': 'const re = /npm_[A-Za-z0-9]{36}/;\n'}, '',
                     id='token-pattern-in-regex-passes'),
        pytest.param({'dist/doc.js': 'const s = "//# sourceMappingURL=data:application/json;'
                                     'base64," + b64;\n'}, '',
                     id='inline-map-text-in-a-string-passes'),
    ],
)
def test_not_findings(pkg, capsys, files, expected):
    write_tree(pkg, {'package.json': manifest(**CLOSED), **files})
    status, out, _ = run(capsys)
    assert (status, out.splitlines()[:-1]) == (0, expected.splitlines())
    assert out.splitlines()[-1].startswith('packguard: no errors (2 files, ')


def test_allow_and_packguard_key(pkg, capsys):
    write_tree(pkg, {
        'package.json': manifest(
            license='UNLICENSED', files=['dist'],
            packguard={'allow': ['dist/**/*.map'], 'maxUnpackedSize': '100 B'},
        ),
        'dist/a.js.map': MAP_1,
    })
    status, out, _ = run(capsys)
    assert out.splitlines()[0].startswith(
        'package.json: pkg@1.0.0 would publish 315 B unpacked, over --max-unpacked-size 100 B')
    assert 'a.js.map' not in out
    assert status == 1
    status, out, _ = run(capsys, '--max-unpacked-size', '1 MB')
    assert (status, out) == (0, 'packguard: no errors (2 files, 315 B unpacked)\n')


def test_warnings_fail_with_strict_and_notes_never(pkg, capsys):
    write_tree(pkg, {'package.json': manifest(license='MIT'), 'index.js': 'x\n'})
    assert run(capsys)[0] == 0
    assert run(capsys, '--strict')[0] == 1
    write_tree(pkg, {'package.json': manifest(license='MIT', files=['index.js', 'dist'])})
    assert run(capsys, '--strict', '-v')[0] == 0


# -- baseline: growth and new kinds ----------------------------------------------------------


def test_baseline_growth_and_first_map(pkg, capsys):
    from hooks.baseline import main as baseline_main

    write_tree(pkg, {'package.json': manifest(**CLOSED), 'dist/a.js': 'x' * 1000})
    assert baseline_main([]) == 0
    capsys.readouterr()
    write_tree(pkg, {'dist/a.js': 'x' * 1200})
    # +20% is within the default 25%
    assert run(capsys) == (0, 'packguard: no errors (2 files, 1.3 kB unpacked)\n', '')
    write_tree(pkg, {'dist/a.js': 'x' * 2000, 'dist/a.js.map': smap(['a.ts'])})
    status, out, _ = run(capsys)
    lines = out.splitlines()
    assert lines[1] == (
        '.packguard-baseline.json: pkg@1.0.0 would publish 2.2 kB unpacked, up 97% from '
        '1.1 kB in the baseline, past --max-growth 25%; find what was added (packguard ls), '
        'or run packguard baseline if it is meant'
    )
    assert lines[2] == (
        'dist/a.js.map: first source map in pkg@1.0.0: the baseline has none, so this is a '
        'new kind of file to publish; leave it out, or run packguard baseline if it is meant'
    )
    assert status == 1
    assert run(capsys, '--max-growth', '200%')[1].count('up 97%') == 0


def test_baseline_first_binary(pkg, capsys):
    from hooks.baseline import main as baseline_main

    write_tree(pkg, {'package.json': manifest(**CLOSED), 'dist/a.js': 'x'})
    baseline_main([])
    capsys.readouterr()
    write_tree(pkg, {'dist/addon.node': b'\x7fELF\0\0\0' + b'\0' * 100})
    status, out, _ = run(capsys, '--max-growth', '10000')
    assert out.splitlines()[0] == (
        'dist/addon.node: first binary in pkg@1.0.0: the baseline has none, so this is a new '
        'kind of file to publish; leave it out, or run packguard baseline if it is meant'
    )
    assert status == 1


# -- bad input: one line each, the others still checked ---------------------------------------


def test_bad_input_lines_and_other_packages_still_checked(pkg, capsys):
    write_tree(pkg, {
        'package.json': manifest(private=True, workspaces=['packages/*']),
        'packages/broken/package.json': '{"name": "broken",\n  "files": [}\n',
        'packages/truncated/package.json': manifest(name='truncated', **CLOSED),
        'packages/truncated/dist/a.js.map': MAP_1[:60],
        'packages/array/package.json': manifest(name='array', **CLOSED),
        'packages/array/dist/a.js.map': '[1, 2]\n',
        'packages/b64/package.json': manifest(name='b64', **CLOSED),
        'packages/b64/dist/a.js': 'x\n//# sourceMappingURL=data:application/json;base64,'
                                  + base64.b64encode(MAP_1.encode()).decode()[:81] + '\n',
        'packages/badbase/package.json': manifest(name='badbase', **CLOSED),
        'packages/badbase/.packguard-baseline.json': '{"files": [',
        'packages/leaky/package.json': manifest(name='leaky', **CLOSED),
        'packages/leaky/dist/.env': 'A=1\n',
    })
    status, out, err = run(capsys)
    assert err.splitlines() == [
        (
            'packages/broken/package.json:2:13: invalid JSON, npm pack fails with EJSONPARSE: '
            'Expecting value'
        ),
        (
            'packages/array/dist/a.js.map: is JSON but not an object, so a broken source map '
            '(a map is {"version": 3, ...}); fix the build or leave it out of the package'
        ),
        'packages/b64/dist/a.js:2: inline source map is not valid base64',
        (
            'packages/badbase/.packguard-baseline.json:1:12: invalid JSON (Expecting value); run '
            'packguard baseline again'
        ),
        err.splitlines()[4],
    ]
    assert err.splitlines()[4].startswith('packages/truncated/dist/a.js.map')
    assert out.splitlines() == [
        (
            'packages/leaky/dist/.env: env file would be published by leaky@1.0.0; env files hold '
            'secrets; add ".env*" to .npmignore or list only build output in "files"'
        ),
        'packguard: 1 error (5 packages, 6 files, 508 B unpacked)',
    ]
    assert status == 2
    assert 'Traceback' not in err


def test_corrupt_tarball(tmp_path, capsys):
    bad = tmp_path / 'bad.tgz'
    bad.write_bytes(b'\x1f\x8b\x08\x00' + b'junk' * 10)
    status, out, err = run(capsys, '--tarball', str(bad))
    assert status == 2
    assert out == ''
    assert err.startswith(f'{bad}: not a gzip tarball npm could read')
    assert len(err.splitlines()) == 1


def test_tarball_members_small_and_large(tmp_path, capsys):
    """Members over 16 MiB: a binary is sniffed, a large JSON that is no map is read again
    (its token found), a large map is streamed."""
    import io

    big_json = ('{"data": "' + 'x' * (17 * 1024 * 1024) + f'", "t": "{NPM_TOKEN}"}}\n').encode()
    big_map = smap(['../src/a.ts'], ['y' * (17 * 1024 * 1024)]).encode()
    tgz = tmp_path / 'pkg-1.0.0.tgz'
    with tarfile.open(tgz, 'w:gz', compresslevel=1) as tf:
        for name, data in (
                ('package/package.json', manifest(**CLOSED).encode()),
                ('package/dist/a.js.map', MAP_1.encode()),
                ('package/dist/big.bin', b'\0' * (17 * 1024 * 1024)),
                ('package/dist/data.json', big_json),
                ('package/dist/big.js.map', big_map),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    status, out, err = run(capsys, '--tarball', str(tgz))
    lines = out.splitlines()
    assert [line.split(':')[0] for line in lines[:-1]] == [
        f'{tgz}/dist/a.js.map', f'{tgz}/dist/big.js.map', f'{tgz}/dist/data.json',
    ]
    assert lines[1].startswith(
        f'{tgz}/dist/big.js.map: source map with 1 embedded source (17.8 MB) would be published')
    assert lines[2] == (
        f'{tgz}/dist/data.json:1: npm token would be published by pkg@1.0.0 (value not shown); '
        'remove it from the file, and revoke it if the file was ever pushed or published'
    )
    assert (status, err) == (1, '')


# -- the real seed case: npm's own tarballs ----------------------------------------------------

BUDGET_LINE = (
    'cli.js.map: 59.8 MB file would be published by @anthropic-ai/claude-code@2.1.88, over the '
    'default budget of 25.0 MB for one file (the most downloaded packages ship none over 6 MB); '
    'leave it out of the package, or set --max-file-size if it is meant'
)
SEED_LINE = (
    'cli.js.map: source map with 4,756 embedded sources (59.8 MB) would be published by '
    '@anthropic-ai/claude-code@2.1.88; 4,756 of them are not otherwise in the package, so '
    'their full text leaks, and package.json declares neither an OSI-approved "license" nor a '
    '"repository"; add "!**/*.map" to "files" (or "*.map" to .npmignore) or turn off source '
    'maps in the build'
)


def test_claude_code_2_1_88_tarball_fails_on_cli_js_map(capsys):
    """Oracle: the real tarball npm pack fetches from the registry."""
    tgz = fetch_tarball('@anthropic-ai/claude-code@2.1.88')
    status, out, err = run(capsys, '--tarball', str(tgz))
    assert out.splitlines() == [
        f'{tgz}/{SEED_LINE}', f'{tgz}/{BUDGET_LINE}',
        'packguard: 2 errors (20 files, 102.8 MB unpacked)',
    ]
    assert (status, err) == (1, '')


def test_claude_code_2_1_88_folder_fails_on_cli_js_map(capsys, monkeypatch):
    """The unpacked registry tarball, judged as a folder (publish list from the engine)."""
    folder = unpacked('@anthropic-ai/claude-code@2.1.88')
    monkeypatch.chdir(folder)
    status, out, err = run(capsys)
    assert out.splitlines() == [
        (
            'package.json: warning: @anthropic-ai/claude-code@2.1.88 has neither "files" nor '
            '.npmignore, so it publishes everything .gitignore does not exclude; add a "files" '
            'whitelist of the build output'
        ),
        SEED_LINE,
        BUDGET_LINE,
        'packguard: 2 errors, 1 warning (19 files, 102.8 MB unpacked)',
    ]
    assert (status, err) == (1, '')


def test_claude_code_2_1_89_passes(capsys, monkeypatch):
    tgz = fetch_tarball('@anthropic-ai/claude-code@2.1.89')
    assert run(capsys, '--tarball', str(tgz)) == (
        0, 'packguard: no errors (19 files, 43.0 MB unpacked)\n', '')
    monkeypatch.chdir(unpacked('@anthropic-ai/claude-code@2.1.89'))
    status, out, _ = run(capsys)
    assert status == 0
    assert 'error' not in out


# -- output formats ------------------------------------------------------------------------------


def test_json_and_github_formats(pkg, capsys):
    write_tree(pkg, {'package.json': manifest(**CLOSED), 'dist/.env': 'A=1\n'})
    status, out, _ = run(capsys, '--format', 'json')
    assert json.loads(out) == {'findings': [{
        'package': 'pkg@1.0.0', 'path': 'dist/.env', 'line': None, 'rule': 'env-file',
        'severity': 'error',
        'message': (
            'env file would be published by pkg@1.0.0; env files hold secrets; add '
            '".env*" to .npmignore or list only build output in "files"'
        ),
    }]}
    assert status == 1
    status, out, _ = run(capsys, '--format', 'github')
    assert out == (
        '::error file=dist/.env,title=env-file::env file would be published by pkg@1.0.0; env '
        'files hold secrets; add ".env*" to .npmignore or list only build output in "files"\n'
    )


# -- small parsers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ('text', 'expected'),
    [
        pytest.param('20 MB', 20_000_000, id='mb'),
        pytest.param('500kB', 500_000, id='kb'),
        pytest.param('1 MiB', 1_048_576, id='mib'),
        pytest.param('123', 123, id='bytes'),
        pytest.param(2048, 2048, id='number'),
    ],
)
def test_parse_size(text, expected):
    assert parse_size(text) == expected


@pytest.mark.parametrize('text', ['big', '-1', '5 parsecs', True])
def test_parse_size_rejects(text):
    with pytest.raises(ValueError):
        parse_size(text)


def test_parse_growth():
    assert parse_growth('25%') == parse_growth('25') == parse_growth(25) == 0.25
    with pytest.raises(ValueError):
        parse_growth('a lot')


def test_bad_option_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(['--max-file-size', 'huge'])
    assert exc.value.code == 2


# -- the real pre-commit, in a real git repo -----------------------------------------------------


def _commit_all(repo: Path) -> None:
    run_git(repo, 'add', '-A')


def test_pre_commit_published_map_fails_then_whitelist_passes(git_repo):
    """Oracle: the real pre-commit running the manifest's hook entry."""
    write_tree(git_repo, {
        'package.json': manifest(license='UNLICENSED', files=['dist']),
        'dist/index.js': 'x\n',
        'dist/index.js.map': MAP_1,
    })
    _commit_all(git_repo)
    proc = run_pre_commit(git_repo, 'check-npm-publish')
    assert proc.returncode == 1, proc.stdout
    assert 'dist/index.js.map: source map with 1 embedded source (120 B)' in proc.stdout
    write_tree(git_repo, {
        'package.json': manifest(license='UNLICENSED', files=['dist', '!**/*.map']),
    })
    _commit_all(git_repo)
    proc = run_pre_commit(git_repo, 'check-npm-publish')
    assert proc.returncode == 0, proc.stdout


def test_pre_commit_private_package_passes(git_repo):
    write_tree(git_repo, {
        'package.json': manifest(private=True),
        'dist/index.js.map': MAP_1,
        '.env': 'A=1\n',
    })
    _commit_all(git_repo)
    proc = run_pre_commit(git_repo, 'check-npm-publish')
    assert proc.returncode == 0, proc.stdout


def test_pre_commit_npmignore_shadowing_names_file_and_line(git_repo):
    write_tree(git_repo, {
        'package.json': manifest(license='MIT'),
        'index.js': 'x\n',
        '.gitignore': 'node_modules/\n.env\n',
        '.npmignore': 'test/\n',
        'test/a.js': 'x\n',
    })
    (git_repo / '.env').write_text('A=1\n')  # gitignored, so never committed, yet published
    _commit_all(git_repo)
    proc = run_pre_commit(git_repo, 'check-npm-publish')
    assert proc.returncode == 1, proc.stdout
    assert ('.env: ignored by .gitignore:2 but published, because .npmignore replaces '
            '.gitignore in this folder') in proc.stdout


def test_pre_commit_monorepo_root_gitignore_keeps_workspace_env_out(git_repo):
    """npm applies the root .gitignore to each workspace: a gitignored .env is not
    published, until a root .npmignore takes the .gitignore's place."""
    write_tree(git_repo, {
        'package.json': manifest(private=True, workspaces=['packages/*']),
        '.gitignore': 'node_modules/\n.env\n',
        'packages/a/package.json': manifest(name='a', license='MIT'),
        'packages/a/.npmignore': 'test/\n',
        'packages/a/index.js': 'x\n',
    })
    (git_repo / 'packages/a/.env').write_text('A=1\n')  # gitignored, never committed
    _commit_all(git_repo)
    proc = run_pre_commit(git_repo, 'check-npm-publish')
    assert proc.returncode == 0, proc.stdout
    write_tree(git_repo, {'.npmignore': 'coverage/\n'})
    _commit_all(git_repo)
    proc = run_pre_commit(git_repo, 'check-npm-publish')
    assert proc.returncode == 1, proc.stdout
    assert ('packages/a/.env: ignored by .gitignore:2 but published, because .npmignore '
            'replaces .gitignore in this folder') in proc.stdout


def test_pre_commit_all_files_reports_each_package_once(git_repo):
    """always_run + require_serial: with 3,000 staged files, pre-commit calls the hook in
    one process, so each package is reported once."""
    files: dict[str, str | bytes] = {
        'package.json': manifest(private=True, workspaces=['packages/*']),
    }
    for name in ('a', 'b', 'c'):
        files[f'packages/{name}/package.json'] = manifest(name=name, **CLOSED)
        files[f'packages/{name}/dist/.env'] = 'A=1\n'
        for i in range(1000):
            files[f'packages/{name}/dist/f{i}.js'] = f'module.exports = {i};\n'
    write_tree(git_repo, files)
    _commit_all(git_repo)
    proc = run_pre_commit(git_repo, 'check-npm-publish', all_files=True)
    assert proc.returncode == 1
    for name in ('a', 'b', 'c'):
        assert proc.stdout.count(f'packages/{name}/dist/.env: env file') == 1
    assert proc.stdout.count('packguard: 3 errors') == 1


def test_console_script_runs(pkg):
    write_tree(pkg, {
        'package.json': manifest(license='MIT', files=['index.js']), 'index.js': 'x\n',
    })
    proc = subprocess.run(
        [os.path.join(os.path.dirname(__import__('sys').executable), 'check-npm-publish')],
        capture_output=True, text=True, check=False,
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        0, 'packguard: no errors (2 files, 97 B unpacked)\n', '')


def ssh_keygen(path: Path) -> str:
    """A real private key, made by ssh-keygen at ``path``; its text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', str(path)), check=True,
    )
    return path.read_text()


def test_key_in_a_readme_is_a_warning_as_a_likely_example(pkg, capsys):
    """A README showing what a key generator returns (as selfsigned@2.4.1 does)."""
    key = ssh_keygen(pkg / 'key')
    write_tree(pkg, {
        'package.json': manifest(license='MIT', files=['README.md', 'index.js']),
        'index.js': 'x\n', 'README.md': f'# pkg\n\nReturns:\n\n```\n{key}```\n',
    })
    status, out, _ = run(capsys)
    assert out.splitlines() == [
        (
            'README.md:6: warning: private key would be published by pkg@1.0.0 (in '
            'documentation, so maybe an example) (value not shown); remove it from the file, '
            'and revoke it if the file was ever pushed or published'
        ),
        'packguard: 1 warning (3 files, 526 B unpacked)',
    ]
    assert status == 0
    assert run(capsys, '--strict')[0] == 1


def test_private_key_file_made_by_ssh_keygen(pkg, capsys):
    """Oracle: a real key from ssh-keygen; the name alone (id_ed25519) is not enough."""
    key = ssh_keygen(pkg / 'dist/id_ed25519')
    write_tree(pkg, {
        'package.json': manifest(license='MIT', files=['dist']),
        'dist/test/id_ed25519': 'placeholder, not a key\n',
        'dist/setup.js': f'const key = `{key}`;\n',
    })
    status, out, _ = run(capsys)
    assert out.splitlines() == [
        (
            'dist/id_ed25519: private key file would be published by pkg@1.0.0; anyone who '
            'installs it gets the credential; remove it from the package and rotate it'
        ),
        (
            'dist/setup.js:1: private key would be published by pkg@1.0.0 (value not shown); '
            'remove it from the file, and revoke it if the file was ever pushed or published'
        ),
        'packguard: 2 errors (5 files, 986 B unpacked)',
    ]
    assert key.splitlines()[1] not in out
    assert status == 1


@pytest.mark.parametrize(('tree', 'pkg', 'entry', 'expected'), [
    pytest.param({'.gitignore': 'index.d.ts\n'}, '.', 'index.d.ts', True, id='own-gitignore'),
    pytest.param({'.gitignore': 'packages/*/types/\n'}, 'packages/a', 'types/index.d.ts', True,
                 id='monorepo-root-gitignore'),
    pytest.param({'.gitignore': 'cjs\n'}, '.', './cjs/**/*.js', True, id='glob-literal-start'),
    pytest.param({'.gitignore': 'dist\n'}, '.', 'indx.js', False, id='typo-not-ignored'),
    pytest.param({'.gitignore': 'x\n', 'packages/a/.git': ''}, 'packages/a', 'x', False,
                 id='stops-at-the-repository-root'),
    pytest.param({}, '.', '**/*.js', False, id='no-literal-start'),
])
def test_gitignored_files_entry(tmp_path, tree, pkg, entry, expected):
    from hooks.judge.policy import _gitignored

    write_tree(tmp_path, tree)
    (tmp_path / pkg).mkdir(parents=True, exist_ok=True)
    assert _gitignored(str(tmp_path / pkg), entry) is expected


@pytest.mark.parametrize(('manifest_fields', 'path', 'expected'), [
    pytest.param({'main': './lib/index.js'}, 'lib/util.js',
                 'in lib/, which package.json "main" points into', id='main'),
    pytest.param({'bin': {'x': 'bin/x.js'}}, 'bin/x.js',
                 'in bin/, which package.json "bin" points into', id='bin-object'),
    pytest.param({'exports': {'.': {'import': './esm/a.mjs', 'require': './cjs/a.cjs'}}},
                 'cjs/a.cjs', 'in cjs/, which package.json "exports" points into',
                 id='exports-conditions'),
    pytest.param({}, 'build/a.js', 'in build/, a build output folder', id='build-folder-name'),
    pytest.param({'main': 'index.js'}, 'notes.txt', None, id='root-entry-covers-nothing'),
    pytest.param({}, 'dist', None, id='a-file-named-like-a-folder'),
])
def test_build_output(manifest_fields, path, expected):
    from hooks.judge.policy import _build_output
    from hooks.judge.policy import _entry_folders

    assert _build_output(path, _entry_folders(manifest_fields)) == expected


@pytest.mark.parametrize('name', ['.npm-extension.cjs', '.npm-extension.mjs'])
def test_npm_extension_at_the_package_root_is_a_warning(pkg, capsys, name):
    """npm 12 imports a root .npm-extension.{mjs,cjs} while it packs, even with
    --ignore-scripts (issue #10; read in pacote lib/dir.js and arborist load-actual)."""
    write_tree(pkg, {'package.json': manifest(**OPEN), 'dist/a.js': 'a()\n',
                     name: 'module.exports = {}\n', 'lib/.npm-extension.cjs': 'x\n'})
    status, out, _ = run(capsys)
    assert [line for line in out.splitlines() if 'npm-extension' in line] == [(
        f'{name}: warning: npm 12 executes this file during npm pack and npm publish of '
        'pkg@1.0.0, even with --ignore-scripts, so whoever can change it runs code on the '
        'publishing machine; delete it unless pkg@1.0.0 needs it, and review every change to '
        'it like a prepack script'
    )]
    assert status == 0
    assert run(capsys, '--strict')[0] == 1


@pytest.mark.parametrize(('packer', 'warned'), [
    pytest.param('npm@12', True, id='npm 12'),
    pytest.param('npm', True, id='npm, version unknown'),
    pytest.param('yarn', False, id='yarn'),
    pytest.param('pnpm', False, id='pnpm'),
    pytest.param('bun', False, id='bun'),
])
def test_npm_extension_is_said_only_where_npm_packs(pkg, capsys, packer, warned):
    """Only npm 12 runs a root .npm-extension.cjs; a package yarn, pnpm or bun packs
    never runs it, so it is no finding there."""
    write_tree(pkg, {'package.json': manifest(**{**OPEN, 'files': ['dist']}), 'dist/a.js': 'a()\n',
                     '.npm-extension.cjs': 'module.exports = {}\n'})
    _, out, _ = run(capsys, '--packer', packer)
    assert ('npm 12 executes this file' in out) == warned


@pytest.mark.parametrize('packer', ['npm@11', 'pnpm', 'yarn', 'bun'])
def test_policy_names_the_packer_that_packs(pkg, capsys, packer):
    """An unmatched "files" entry and a root .npmignore that "files" makes useless
    are said of the packer that packs the package (each skips and ignores them)."""
    write_tree(pkg, {'package.json': manifest(**{**OPEN, 'files': ['index.js', 'lbi']}),
                     'index.js': 'x\n', '.npmignore': 'test/\n'})
    _, out, _ = run(capsys, '-v', '--packer', packer)
    tool = packer.partition('@')[0]
    assert f'"files" entry "lbi" matches nothing in pkg@1.0.0, so {tool} silently skips it' \
        in out
    assert f'pkg@1.0.0 sets "files", so {tool} ignores this root .npmignore' in out


@pytest.mark.parametrize(('entry', 'severity'), [
    pytest.param('**/*.js', 'note', id='a glob for compiled JS'),
    pytest.param('**/*.d.cts', 'note', id='a glob for declarations'),
    pytest.param('*.MJS', 'note', id='any case'),
    pytest.param('**/*.jss', 'warning', id='a typo'),
    pytest.param('tmpl-*', 'warning', id='a glob for folders'),
    pytest.param('index.js', 'warning', id='a name, not a glob'),
])
def test_an_unmatched_glob_for_build_output_is_not_built_yet(pkg, capsys, entry, severity):
    """zod lists "**/*.js" ... beside its TypeScript sources: before a build they match
    nothing, which is no typo."""
    write_tree(pkg, {'package.json': manifest(**{**OPEN, 'files': ['src', entry]}),
                     'src/a.ts': 'export {}\n'})
    _, out, _ = run(capsys, '-v')
    said = [line for line in out.splitlines() if f'"files" entry "{entry}"' in line]
    assert len(said) == 1 and f': {severity}: ' in said[0]
    assert ('build output not built; build before you pack' in said[0]) == (severity == 'note')


def test_env_file_with_a_token_is_one_finding(pkg, capsys):
    """One .env holding a token is one error naming the token's kind and line, not
    an env-file error plus a secret error; the value is never printed."""
    write_tree(pkg, {'package.json': manifest(), '.env': f'X=1\nNPM_TOKEN={NPM_TOKEN}\n'})
    status, out, _ = run(capsys)
    assert status == 1
    lines = [ln for ln in out.splitlines() if ln.startswith('.env')]
    assert lines == [(
        '.env:2: env file would be published by pkg@1.0.0, and it holds npm token (line 2, '
        'value not shown; revoke it if this file was ever pushed or published); env files '
        'hold secrets; add ".env*" to .npmignore or list only build output in "files"'
    )]
    assert NPM_TOKEN not in out
