"""The manifest meta-test: .pre-commit-hooks.yaml as pre-commit itself reads and applies it.

Oracle: pre-commit's own code (``pre_commit.clientlib.load_manifest`` for the
schema and defaults, ``filter_by_include_exclude`` and ``Classifier`` for the
``files`` regex and ``types`` tags) and identify's tag table.
"""
from __future__ import annotations

import configparser
import importlib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

# For each hook with a `files` regex: paths it must pass and paths it must not.
FILES_CASES: dict[str, tuple[list[str], list[str]]] = {
    'forbid-env-files': (
        [
            '.env', 'app/.env', '.env.local', '.env.production.local', 'a/b/.env.test',
            'prod.env', 'deploy/docker.env', '.envrc', 'sub dir/.envrc', '.ENV', 'x ü.env',
            # templates are passed too: they are checked for live credentials
            '.env.example', 'web/.env.sample', '.env.template', 'example.env',
            '.env-prod', '.env_local', '.envrc.local', 'a/.envrc.private', '.env-example',
            '.env.j2',
        ],
        [
            'env', 'environment.ts', 'src/env.ts', '.environment', 'venv/bin/python',
            '.env.d/config', '.env/x', 'x.envrc', '.envrc.d/x', 'README.md', 'dotenv.js',
            'my.envelope', 'a.env.js', 'src/.env.d.ts', '.ENV.D.TS', '.env.d.cts',
            '.env.enc', 'k8s/secrets.enc.env', '.env.production.encrypted',
        ],
    ),
}


def _config_file_cases() -> tuple[list[str], list[str]]:
    """check-sourcemap-config: every config file its analysers read must pass."""
    from hooks.configs.defaults import CONFIG_FILES

    names = sorted({n for names in CONFIG_FILES.values() for n in names})
    names += ['tsconfig.json', 'package.json']
    good = names + [f'packages/app/{n}' for n in names]
    bad = ['src/index.js', 'README.md', 'dist/app.js.map', 'styles/main.css']
    return good, bad


def load_hooks(root: Path) -> list[dict[str, Any]]:
    from pre_commit.clientlib import load_manifest

    return [dict(h) for h in load_manifest(str(root / '.pre-commit-hooks.yaml'))]


def console_scripts(root: Path) -> dict[str, str]:
    cfg = configparser.ConfigParser()
    cfg.read(root / 'setup.cfg', encoding='utf-8')
    out = {}
    for line in cfg['options.entry_points']['console_scripts'].strip().splitlines():
        name, _, target = line.partition('=')
        out[name.strip()] = target.strip()
    return out


def manifest_problems(root: Path) -> list[str]:
    """Everything wrong with the manifest at ``root``, as one line each.

    pre-commit's loader checks the schema, that ``files``/``exclude`` compile,
    and that every ``types``/``types_or``/``exclude_types`` tag is one of
    identify's; this adds the packaging and documentation checks.
    """
    from pre_commit.clientlib import InvalidManifestError

    problems = []
    scripts = console_scripts(root)
    readme_path = root / 'README.md'
    readme = readme_path.read_text(encoding='utf-8') if readme_path.exists() else ''
    try:
        hooks = load_hooks(root)
    except InvalidManifestError as e:
        # pre-commit's own schema check (it also knows identify's tags)
        where = [ln for ln in str(e).splitlines() if ln.startswith('==> At Hook')]
        why = [ln for ln in str(e).splitlines() if ln.startswith('=====>')]
        return [f'{where[-1][7:] if where else "manifest"}: {why[-1][7:] if why else e}']
    for hook in hooks:
        hid = hook['id']
        if hook['entry'] not in scripts:
            problems.append(f'{hid}: entry {hook["entry"]!r} is not a console script in setup.cfg')
        if hook['entry'] != hid:
            problems.append(f'{hid}: entry {hook["entry"]!r} differs from the id')
        if hook['language'] != 'python':
            problems.append(f'{hid}: language is {hook["language"]!r}, not python')
        if not hook['description'].endswith('.'):
            problems.append(f'{hid}: description does not end with a period')
        if hook['always_run'] and hook['pass_filenames'] and not hook['require_serial']:
            # the hook judges whole packages: one process must see every staged file
            problems.append(f'{hid}: always_run with filenames but without require_serial')
        if not re.search(rf'^#### `{re.escape(hid)}`$', readme, re.MULTILINE):
            problems.append(f'{hid}: no "#### `{hid}`" section in README.md')
    return problems


def test_manifest_has_no_problems():
    assert manifest_problems(ROOT) == []


def test_ids_are_unique_and_every_console_script_hook_is_in_the_manifest():
    ids = [h['id'] for h in load_hooks(ROOT)]
    assert len(ids) == len(set(ids))
    assert set(console_scripts(ROOT)) - set(ids) == {'packguard'}


@pytest.mark.parametrize('hook_id', [h['id'] for h in load_hooks(ROOT)])
def test_entry_imports_a_main(hook_id):
    module, _, func = console_scripts(ROOT)[hook_id].partition(':')
    assert callable(getattr(importlib.import_module(module), func))


@pytest.mark.parametrize('hook_id', [h['id'] for h in load_hooks(ROOT)])
def test_files_regex_as_pre_commit_applies_it(hook_id):
    from pre_commit.commands.run import filter_by_include_exclude

    hook = next(h for h in load_hooks(ROOT) if h['id'] == hook_id)
    if hook['always_run'] and not hook['pass_filenames']:
        assert hook['files'] == ''  # it lists what it checks itself
        return
    if hook_id == 'check-sourcemap-config':
        good, bad = _config_file_cases()
    elif hook['files'] == '':
        return  # filters with identify tags only: see test_types_as_pre_commit_applies_them
    else:
        assert hook_id in FILES_CASES, f'{hook_id} has a files regex but no table here'
        good, bad = FILES_CASES[hook_id]
    passed = set(filter_by_include_exclude(good + bad, hook['files'], hook['exclude']))
    assert sorted(set(good) - passed) == [], 'must match'
    assert sorted(passed & set(bad)) == [], 'must not match'


def test_env_files_regex_agrees_with_env_file_kind():
    """Every name hooks.judge.secrets calls an env file or template reaches the hook."""
    from pre_commit.commands.run import filter_by_include_exclude

    from hooks.judge.secrets import env_file_kind

    hook = next(h for h in load_hooks(ROOT) if h['id'] == 'forbid-env-files')
    good, bad = FILES_CASES['forbid-env-files']
    for name in good + bad:
        passed = bool(list(filter_by_include_exclude([name], hook['files'], hook['exclude'])))
        assert passed == (env_file_kind(name) is not None), name


def test_types_as_pre_commit_applies_them(tmp_path, monkeypatch):
    """forbid-sourcemaps (types: [text]) receives maps whatever their name, and JS/CSS."""
    from pre_commit.commands.run import Classifier

    monkeypatch.chdir(tmp_path)
    text = '{"version": 3, "sources": [], "mappings": ""}'
    files: dict[str, bytes] = {
        'x.js.map': text.encode(), 'x.json': text.encode(), 'x': text.encode(),
        'x.map.txt': text.encode(), 'a.min.js': b'var a;\n', 'a.css': b'a{}\n',
        'a.mjs': b'export {};\n', 'ü é.js.map': text.encode(),
        'logo.png': b'\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0', 'junk.map': b'\0\1\2',
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    hook = next(h for h in load_hooks(ROOT) if h['id'] == 'forbid-sourcemaps')
    classifier = Classifier(list(files))
    got = set(classifier.by_types(
        list(files), hook['types'], hook['types_or'], hook['exclude_types'],
    ))
    # junk.map is passed too (identify tags .map as text by name); the hook
    # then finds it is not a source map
    assert got == set(files) - {'logo.png'}


# -- the helper itself --------------------------------------------------------


@pytest.fixture
def fake_root(tmp_path):
    for name in ('.pre-commit-hooks.yaml', 'setup.cfg'):
        shutil.copy(ROOT / name, tmp_path / name)
    hooks = load_hooks(ROOT)
    (tmp_path / 'README.md').write_text(
        ''.join(f'#### `{h["id"]}`\n\ntext\n\n' for h in hooks), encoding='utf-8',
    )
    return tmp_path


def test_helper_is_clean_on_a_good_copy(fake_root):
    assert manifest_problems(fake_root) == []


def test_helper_catches_a_misspelled_entry(fake_root):
    manifest = fake_root / '.pre-commit-hooks.yaml'
    text = manifest.read_text()
    manifest.write_text(text.replace('entry: forbid-sourcemaps', 'entry: forbid-sourcemap'))
    assert manifest_problems(fake_root) == [
        "forbid-sourcemaps: entry 'forbid-sourcemap' is not a console script in setup.cfg",
        "forbid-sourcemaps: entry 'forbid-sourcemap' differs from the id",
    ]


def test_helper_catches_a_bad_tag_through_pre_commits_loader(fake_root):
    manifest = fake_root / '.pre-commit-hooks.yaml'
    manifest.write_text(manifest.read_text().replace('types: [text]', 'types: [txt]'))
    assert manifest_problems(fake_root) == [
        "Hook(id='forbid-sourcemaps'): Type tag 'txt' is not recognized.  "
        + 'Try upgrading identify and pre-commit?',
    ]


def test_helper_catches_a_bad_regex(fake_root):
    manifest = fake_root / '.pre-commit-hooks.yaml'
    text = re.sub(r"files: '\(\?i\)[^']*'", "files: '(unclosed'", manifest.read_text())
    manifest.write_text(text)
    assert manifest_problems(fake_root) == [
        "Hook(id='forbid-env-files'): '(unclosed' is not a valid python regex",
    ]


def test_helper_catches_a_missing_readme_section(fake_root):
    readme = fake_root / 'README.md'
    readme.write_text(readme.read_text().replace('#### `forbid-env-files`', '### forbid-env-files'))
    assert manifest_problems(fake_root) == [
        'forbid-env-files: no "#### `forbid-env-files`" section in README.md',
    ]


def test_every_tag_is_an_identify_tag():
    from identify.identify import ALL_TAGS

    for hook in load_hooks(ROOT):
        for key in ('types', 'types_or', 'exclude_types'):
            assert set(hook[key]) <= ALL_TAGS, (hook['id'], key)


@pytest.mark.parametrize(('script', 'args', 'status', 'says'), [
    pytest.param('check_npm_publish', [], 1, 'env file would be published', id='finding'),
    pytest.param('check_npm_publish', ['--format', 'json'], 1, '"rule": "env-file"', id='json'),
    pytest.param('packguard', ['ls', '.'], 0, '.env', id='cli-ls'),
    pytest.param('forbid_env_files', ['.env'], 1, '.env', id='forbid'),
    pytest.param('check_npm_publish', ['--max-file-size', 'huge'], 2, 'max-file-size',
                 id='usage-error'),
])
def test_console_scripts_end_with_the_status_and_all_output(tmp_path, script, args, status,
                                                            says):
    """The console scripts (hooks.console) end without interpreter teardown: the
    exit status is main()'s and every line reaches a pipe, the summary last."""
    import json
    import subprocess
    import sys

    (tmp_path / 'package.json').write_text(json.dumps({'name': 'p', 'version': '1.0.0'}))
    (tmp_path / '.env').write_text('A=1\n')
    for i in range(300):   # output longer than one pipe buffer
        (tmp_path / f'f{i:03}.js').write_text('x\n')
    code = f'import sys; sys.argv[1:] = {args!r}; from hooks.console import {script}; {script}()'
    got = subprocess.run([sys.executable, '-c', code], cwd=tmp_path, capture_output=True,
                         text=True, check=False)
    assert got.returncode == status
    assert says in got.stdout + got.stderr
    if script == 'packguard':
        assert got.stdout.count('\n') > 300   # every file listed, none cut off
    elif status == 1 and not args:
        assert got.stdout.rstrip().splitlines()[-1].startswith('packguard: ')
