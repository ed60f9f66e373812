from __future__ import annotations

import subprocess
import sys

import pytest

from hooks import cli


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as excinfo:
        cli.main([])
    assert excinfo.value.code == 2
    assert 'COMMAND' in capsys.readouterr().err


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as excinfo:
        cli.main(['publish'])
    assert excinfo.value.code == 2
    assert "invalid choice: 'publish'" in capsys.readouterr().err


@pytest.mark.parametrize('command', sorted(cli.COMMANDS))
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as excinfo:
        cli.main([command, '--help'])
    assert excinfo.value.code == 0
    assert f'usage: packguard {command}' in capsys.readouterr().out


def test_ls_does_not_import_the_config_analysers() -> None:
    """`packguard ls` must stay light: the tree-sitter grammars load only for `config`."""
    code = (
        'import sys; from hooks import cli; '
        'cli.main(["ls", "--help"])'
    )
    proc = subprocess.run(
        [sys.executable, '-X', 'importtime', '-c', code],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert 'tree_sitter' not in proc.stderr
    assert 'hooks.check_sourcemap_config' not in proc.stderr


def test_closed_pipe_is_not_a_traceback(tmp_path) -> None:
    """`packguard check | head`: the reader leaves early; no BrokenPipeError traceback."""
    pkg = tmp_path / 'pkg'
    pkg.mkdir()
    (pkg / 'package.json').write_text('{"name": "many", "version": "1.0.0"}')
    for i in range(3000):
        (pkg / f'.env.prod{i}').write_text('A=1\n')
    proc = subprocess.run(
        f'"{sys.executable}" -m hooks.cli check "{pkg}" | head -n 1',
        shell=True, capture_output=True, text=True, check=False,
    )
    assert 'has neither "files" nor .npmignore' in proc.stdout
    assert proc.stderr == ''


@pytest.mark.parametrize('argv', [
    pytest.param(['--version'], id='packguard'),
    pytest.param(['check', '--version'], id='packguard-check'),
    pytest.param(['config', '--version'], id='packguard-config'),
])
def test_version(argv, capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as e:
        cli.main(argv)
    assert e.value.code == 0
    assert capsys.readouterr().out == f'packguard {version("packguard")}\n'
