"""Invariants of the tables in hooks.judge.risky (data, so checked like identify's)."""
from __future__ import annotations

import re

from hooks.judge import risky


def test_env_tables():
    for word in risky.ENV_TEMPLATE_WORDS:
        assert word == word.lower() and word.isalnum(), word
    issue_list = {'example', 'sample', 'template', 'dist', 'defaults', 'schema'}
    assert issue_list <= risky.ENV_TEMPLATE_WORDS
    for name in risky.ENV_EXACT_NAMES | risky.ENV_NOT_ENV_NAMES:
        assert name == name.lower() and name.startswith('.env'), name
    assert all(p.startswith('.env') for p in risky.ENV_PREFIXES) and risky.ENV_SUFFIX == '.env'


def test_credential_tables():
    kinds = set()
    for name, kind in risky.CREDENTIAL_NAMES.items():
        assert name == name.lower() and '/' not in name, name
        kinds.add(kind)
    for suffix, kind in risky.CREDENTIAL_PATH_SUFFIXES.items():
        assert suffix == suffix.lower() and '/' in suffix and not suffix.startswith('/'), suffix
        kinds.add(kind)
    for ext, kind in risky.CREDENTIAL_EXTENSIONS.items():
        assert ext == ext.lower() and ext.startswith('.') and ext.count('.') == 1, ext
        kinds.add(kind)
    assert all(k and k[0] != ' ' and not k.endswith('.') for k in kinds)
    assert risky.CONFIRM_BY_CONTENT <= kinds
    # no name is in two tables with two different kinds
    for name, kind in risky.CREDENTIAL_NAMES.items():
        ext = '.' + name.rsplit('.', 1)[-1] if '.' in name else None
        if ext in risky.CREDENTIAL_EXTENSIONS:
            assert risky.CREDENTIAL_EXTENSIONS[ext] == kind, name


def test_key_tables():
    for label in risky.PRIVATE_KEY_LABELS:
        assert label == label.upper() and 'PRIVATE KEY' in label, label
    assert len(set(risky.PRIVATE_KEY_LABELS)) == len(risky.PRIVATE_KEY_LABELS)
    assert risky.PRIVATE_KEY_MIN_BODY >= 64
    assert 0 < risky.PRIVATE_KEY_MIN_DISTINCT <= 64


def test_config_auth_tables():
    for name in risky.NPMRC_NAMES | risky.YARNRC_NAMES:
        assert name == name.lower() and name.startswith('.'), name
    assert '_authToken' in risky.NPMRC_AUTH_KEYS
    assert 'npmAuthToken' in risky.YARNRC_AUTH_KEYS
    for key in risky.AWS_SECRET_KEY_NAMES:
        assert re.fullmatch(r'[A-Za-z_]+', key), key
