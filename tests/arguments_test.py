from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from hooks import check_npm_publish
from hooks import check_sourcemap_config
from hooks import forbid_env_files
from hooks import forbid_sourcemaps
from hooks.arguments import Args
from hooks.arguments import parse_args

HOOKS = [
    pytest.param(check_npm_publish, 'paths', id='check-npm-publish'),
    pytest.param(check_sourcemap_config, 'paths', id='check-sourcemap-config'),
    pytest.param(forbid_sourcemaps, 'filenames', id='forbid-sourcemaps'),
    pytest.param(forbid_env_files, 'filenames', id='forbid-env-files'),
]

PLAIN = [
    pytest.param([], id='no arguments'),
    pytest.param(['package.json'], id='one file'),
    pytest.param(['a/b.js', 'c d.map', 'ü/.env', '', 'x-y', '@scope/pkg'], id='names'),
]


@pytest.mark.parametrize(('module', 'paths'), HOOKS)
@pytest.mark.parametrize('argv', PLAIN)
def test_plain_paths_parse_as_argparse_parses_them(
        module: ModuleType, paths: str, argv: list[str]) -> None:
    """Each hook's DEFAULTS are what its parser leaves: the fast path and argparse agree."""
    expected = vars(module.parser().parse_args(argv, namespace=Args()))
    got = parse_args(argv, module.parser, paths=paths, defaults=module.DEFAULTS)
    assert isinstance(got, Args)
    assert vars(got) == expected
    assert got.__dict__[paths] == argv


@pytest.mark.parametrize(('module', 'paths'), HOOKS)
def test_defaults_are_fresh_each_time(module: ModuleType, paths: str) -> None:
    first = parse_args([], module.parser, paths=paths, defaults=module.DEFAULTS)
    for value in vars(first).values():
        if isinstance(value, list):
            value.append('changed')
    again = parse_args([], module.parser, paths=paths, defaults=module.DEFAULTS)
    assert 'changed' not in str(vars(again))


@pytest.mark.parametrize(('argv', 'allow', 'paths'), [
    pytest.param(['--allow', 'x.map', 'a.js'], ['x.map'], ['a.js'], id='an option'),
    pytest.param(['--', '-odd.js'], [], ['-odd.js'], id='a name that starts with -'),
    pytest.param(['a.js', '--allow=y'], ['y'], ['a.js'], id='an option after a path'),
])
def test_anything_else_goes_through_argparse(
        argv: list[str], allow: list[str], paths: list[str]) -> None:
    got = parse_args(argv, check_npm_publish.parser, paths='paths',
                     defaults=check_npm_publish.DEFAULTS)
    assert (got.allow, got.paths) == (allow, paths)


def test_a_bad_option_is_argparse_s_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        check_npm_publish.main(['--no-such-option'])
    assert e.value.code == 2
    assert 'unrecognized arguments: --no-such-option' in capsys.readouterr().err


def test_a_commit_time_run_does_not_import_argparse(tmp_path: Path) -> None:
    """pre-commit passes only file names: argparse, gettext and locale stay unloaded."""
    (tmp_path / 'package.json').write_text('{"name": "x", "version": "1.0.0", "files": ["i.js"]}')
    (tmp_path / 'i.js').write_text('module.exports = 1\n')
    code = ('import sys\n'
            'from hooks.check_npm_publish import main\n'
            'main(["package.json", "i.js"])\n'
            'print(sorted(m for m in ("argparse", "gettext", "locale") if m in sys.modules))\n')
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True,
                         check=True, cwd=tmp_path)
    assert out.stdout.splitlines() == ['packguard: no errors (2 files, 71 B unpacked)', '[]']
