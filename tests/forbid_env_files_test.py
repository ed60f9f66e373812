from __future__ import annotations

import json
from pathlib import Path

from hooks.forbid_env_files import find_env_files
from hooks.forbid_env_files import main
from tests.conftest import run_git
from tests.conftest import run_pre_commit
from tests.secrets_test import B62
from tests.secrets_test import TOKENS
from tests.secrets_test import rand

GHP = TOKENS['GitHub token']
NPM = TOKENS['npm token']
ENV_MSG = (
    'env file, which holds local settings and secrets; do not commit it: '
    'add it to .gitignore and commit a template such as .env.example'
)
SECRET_FIX = (
    'a committed template must hold placeholders: replace the value '
    '(and revoke it if it was shared)'
)
TEMPLATE = (
    '# copy to .env\n'
    'DATABASE_URL=postgres://user:password@localhost/db\n'
    'GITHUB_TOKEN=ghp_your_token_here\n'
    'NPM_TOKEN=\n'
)


def _files(root: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding='utf-8')
    return list(files)


def test_env_files_fail_templates_pass(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    names = _files(tmp_path, {
        '.env': 'A=1\n',
        'app/.env.local': 'A=1\n',
        'deploy/prod.env': 'A=1\n',
        '.envrc': 'export A=1\n',
        '.env.example': TEMPLATE,
        '.env.sample': TEMPLATE,
        'app/.env.template': TEMPLATE,
        '.env.vault': 'DOTENV_VAULT_PRODUCTION="encrypted"\n',
        'README.md': 'see .env\n',
    })
    assert main(names) == 1
    out = (
        f'.env: {ENV_MSG}\n'
        f'app/.env.local: {ENV_MSG}\n'
        f'deploy/prod.env: {ENV_MSG}\n'
        f'.envrc: {ENV_MSG}\n'
        'packguard: 4 errors\n'
    )
    assert capsys.readouterr() == (out, '')


def test_template_with_live_credentials_names_the_key_not_the_value(
        tmp_path, monkeypatch, capsys,
):
    monkeypatch.chdir(tmp_path)
    _files(tmp_path, {
        '.env.example': (
            '# tokens\n'
            'A=1\n'
            f'GITHUB_TOKEN={GHP}\n'
            f'export NPM_TOKEN="{NPM}"  # from npm token create\n'
            f'# old one: {GHP}\n'
            'MULTI="line one\n'
            f'line two {NPM}"\n'
        ),
    })
    assert main(['.env.example']) == 1
    out, err = capsys.readouterr()
    assert err == ''
    assert out == (
        f'.env.example:3: GITHUB_TOKEN holds what looks like a live GitHub token; {SECRET_FIX}\n'
        f'.env.example:4: NPM_TOKEN holds what looks like a live npm token; {SECRET_FIX}\n'
        f'.env.example:5: holds what looks like a live GitHub token; {SECRET_FIX}\n'
        f'.env.example:7: MULTI holds what looks like a live npm token; {SECRET_FIX}\n'
        'packguard: 4 errors\n'
    )
    assert GHP not in out and NPM not in out


def test_allow_makes_an_env_file_a_template(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    names = _files(tmp_path, {
        'test/.env.test': 'A=1\n',
        'e2e/.env.test': f'TOKEN={GHP}\n',
        '.env': 'A=1\n',
    })
    assert main(['--allow', '.env.test', '--allow', 'nothing/*', *names]) == 1
    assert capsys.readouterr().out == (
        f'e2e/.env.test:1: TOKEN holds what looks like a live GitHub token; {SECRET_FIX}\n'
        f'.env: {ENV_MSG}\n'
        'packguard: 2 errors\n'
    )


def test_template_private_key_and_non_utf8(tmp_path):
    body = '\\n'.join(rand(64, B62 + '+/') for _ in range(4))  # one line, \\n escapes
    names = _files(tmp_path, {
        '.env.example': f'KEY="-----BEGIN PRIVATE KEY-----\\n{body}\\n-----END PRIVATE KEY-----"\n',
    })
    (tmp_path / '.env.sample').write_bytes(b'NAME=caf\xe9\nT=' + GHP.encode() + b'\n')
    findings, errors = find_env_files(
        [str(tmp_path / n) for n in [*names, '.env.sample']],
    )
    assert [(Path(f.path).name, f.line, f.message.split(';')[0]) for f in findings] == [
        ('.env.example', 1, 'KEY holds what looks like a live private key'),
        ('.env.sample', 2, 'T holds what looks like a live GitHub token'),
    ]
    assert errors == []


def test_unreadable_template_is_bad_input(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / '.env.example').mkdir()
    assert main(['.env.example', '.env.sample', '.env']) == 2
    out, err = capsys.readouterr()
    assert err == (
        '.env.example: cannot read: Is a directory\n'
        '.env.sample: cannot read: No such file or directory\n'
    )
    # a deleted .env is refused by its name alone
    assert out == f'.env: {ENV_MSG}\npackguard: 1 error\n'


def test_json_output_has_no_value(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _files(tmp_path, {'.env.example': f'GITHUB_TOKEN={GHP}\n'})
    assert main(['--format', 'json', '.env.example']) == 1
    out = capsys.readouterr().out
    assert GHP not in out
    (finding,) = json.loads(out)['findings']
    assert (finding['rule'], finding['line']) == ('env-template-secret', 1)


# -- the real pre-commit --------------------------------------------------


def test_pre_commit_env_files(git_repo):
    """Oracle: the real pre-commit with the manifest's `files` filter and entry."""
    _files(git_repo, {
        '.env': 'SECRET=1\n',
        '.env.example': TEMPLATE,
        'config/prod ü é.env': 'A=1\n',
        'web/.env.sample': f'# app\nGITHUB_TOKEN={GHP}\n',
        'src/env.ts': f'export const t = "{GHP}";\n',  # not an env file: not this hook's
    })
    run_git(git_repo, 'add', '.')
    proc = run_pre_commit(git_repo, 'forbid-env-files')
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert f'.env: {ENV_MSG}' in lines
    assert f'config/prod ü é.env: {ENV_MSG}' in lines
    assert (
        f'web/.env.sample:2: GITHUB_TOKEN holds what looks like a live GitHub token; '
        f'{SECRET_FIX}'
    ) in lines
    assert not any(line.startswith('.env.example') for line in lines)
    assert 'env.ts' not in proc.stdout
    assert GHP not in proc.stdout + proc.stderr


def test_pre_commit_templates_pass(git_repo):
    """Oracle: the real pre-commit; a clean template and an --allow'ed file pass."""
    _files(git_repo, {'.env.example': TEMPLATE, 'test/.env.test': 'A=1\n', 'README.md': '# x\n'})
    run_git(git_repo, 'add', '.')
    proc = run_pre_commit(git_repo, 'forbid-env-files', args=['--allow', '.env.test'])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert 'Passed' in proc.stdout
    proc = run_pre_commit(git_repo, 'forbid-env-files')
    assert proc.returncode == 1
    assert f'test/.env.test: {ENV_MSG}' in proc.stdout.splitlines()


def test_force_added_env_file_advice_is_git_rm_cached(git_repo):
    """Real pre-commit: a .env that .gitignore ignores but `git add -f` staged gets
    'git rm --cached', and that fix makes the hook pass (the file stays on disk)."""
    (git_repo / '.gitignore').write_text('.env\n')
    (git_repo / '.env').write_text('API_URL=https://example.invalid\n')
    run_git(git_repo, 'add', '.gitignore')
    run_git(git_repo, 'add', '-f', '.env')
    proc = run_pre_commit(git_repo, 'forbid-env-files')
    assert proc.returncode == 1
    assert ('.env: env file, which holds local settings and secrets; .gitignore already '
            'ignores it, but it was added anyway (git add -f); do not commit it: run git rm '
            '--cached on it (the file stays on disk)') in proc.stdout
    run_git(git_repo, 'rm', '-q', '--cached', '.env')
    proc = run_pre_commit(git_repo, 'forbid-env-files')
    assert proc.returncode == 0, proc.stdout
    assert (git_repo / '.env').exists()


def test_env_file_in_a_fixture_folder_is_a_warning(tmp_path, monkeypatch, capsys):
    """examples and test suites commit .env fixtures: a warning (exit 1 only with
    --strict), still an error when it holds a live credential."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'test' / 'fixtures').mkdir(parents=True)
    (tmp_path / 'test' / 'fixtures' / '.env').write_text('API_URL=http://localhost\n')
    assert main(['test/fixtures/.env']) == 0
    assert capsys.readouterr().out.startswith('test/fixtures/.env: warning: env file in a fixture')
    assert main(['--strict', 'test/fixtures/.env']) == 1
