"""The README's first command and its printed output stay true."""
from __future__ import annotations

import re

import pytest

from hooks import cli
from tests.conftest import REPO_ROOT


def test_readme_example_output_is_what_packguard_prints(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    readme = (REPO_ROOT / 'README.md').read_text(encoding='utf-8')
    block = re.search(
        r'```console\n\$ packguard check examples/leaky-package\n(.*?)```', readme, re.DOTALL,
    )
    assert block is not None
    monkeypatch.chdir(REPO_ROOT)
    assert cli.main(['check', 'examples/leaky-package']) == 1
    assert capsys.readouterr().out == block.group(1)


def test_readme_opens_with_the_install_and_test_commands() -> None:
    readme = (REPO_ROOT / 'README.md').read_text(encoding='utf-8')
    first_block = readme.split('```bash\n', 1)[1].split('```', 1)[0].splitlines()
    assert first_block[0].endswith('pip install . && packguard check examples/leaky-package')
    assert first_block[1].endswith("pip install -e '.[test]' && pytest")
    ci = (REPO_ROOT / '.ci' / 'run').read_text(encoding='utf-8')
    assert "\npip install -e '.[test]' && pytest\n" in ci
