"""Tables of risky files and secret formats: data only, judged by hooks.judge.secrets.

Kept as plain literals (the way identify keeps its extensions.py) so a reader
can audit them and tests/risky_test.py can check their invariants. Token
patterns match a token's FULL published format, so a pattern written in
regex source (``/ghp_[A-Za-z0-9]{36}/``) or a truncated example does not.
"""
from __future__ import annotations

# -- env files ----------------------------------------------------------------

# `.env`, `.env.<anything>` (also `.env-prod`, `.env_local`), `<anything>.env`,
# `.envrc` and `.envrc.<anything>` (`.envrc.local`, which a committed .envrc sources)
# are env files.
ENV_EXACT_NAMES = frozenset(('.env', '.envrc'))
ENV_PREFIXES = ('.env.', '.env-', '.env_')
ENVRC_PREFIX = '.envrc.'
ENV_SUFFIX = '.env'

# A part of the name (`.env.example`, `.env.local.sample`, `.env.example.local`,
# `.env-example`, `example.env`) from this list marks a template meant to be
# committed (still checked for live credentials).
ENV_TEMPLATE_WORDS = frozenset((
    'default',
    'defaults',
    'dist',
    'example',
    'examples',
    'sample',
    'samples',
    'schema',
    'stub',  # Laravel-style .env.stub
    'in',  # autoconf-style .env.in
    'jinja',
    'jinja2',
    'j2',
    'template',
    'templates',
    'tmpl',
    'tpl',
))

# Names that look like env files but are made to be committed.
ENV_NOT_ENV_NAMES = frozenset((
    '.env.vault',  # dotenv-vault: encrypted, committed by design
))

# A part from this list marks an encrypted env file, made to be committed (sops'
# `secrets.enc.env`, Chainlink's `.env.enc`).
ENV_ENCRYPTED_PARTS = frozenset(('enc', 'encrypted'))

# TypeScript declarations (Vite's `src/.env.d.ts`, common in real repositories)
# describe the variables' types and hold no values.
ENV_NOT_ENV_SUFFIXES = ('.d.ts', '.d.mts', '.d.cts')

# -- credential files, by name --------------------------------------------------

# Exact base names (compared lowercased).
CREDENTIAL_NAMES: dict[str, str] = {
    'id_rsa': 'private key file',
    'id_dsa': 'private key file',
    'id_ecdsa': 'private key file',
    'id_ecdsa_sk': 'private key file',
    'id_ed25519': 'private key file',
    'id_ed25519_sk': 'private key file',
    '.git-credentials': 'git credentials file',
    '.netrc': 'netrc credentials file',
    '_netrc': 'netrc credentials file',
    '.pgpass': 'PostgreSQL password file',
    '.htpasswd': 'htpasswd password file',
    '.vault-token': 'Vault token file',
    'application_default_credentials.json': 'Google Cloud credentials file',
    'credentials.db': 'Google Cloud credentials file',
    'access_tokens.db': 'Google Cloud credentials file',
    'secring.gpg': 'GnuPG secret key ring',
    'terraform.tfstate': 'Terraform state (holds secrets in plain text)',
}

# Path endings (compared lowercased, on `/`-separated relative paths).
CREDENTIAL_PATH_SUFFIXES: dict[str, str] = {
    '.aws/credentials': 'AWS credentials file',
    '.docker/config.json': 'Docker registry credentials file',
    '.kube/config': 'Kubernetes credentials file',
    '.azure/accesstokens.json': 'Azure credentials file',
    '.azure/msal_token_cache.json': 'Azure credentials file',
    '.config/gh/hosts.yml': 'GitHub CLI credentials file',
    '.gnupg/private-keys-v1.d': 'GnuPG secret key ring',
}

# Extensions (compared lowercased).
CREDENTIAL_EXTENSIONS: dict[str, str] = {
    '.pem': 'private key file',
    '.key': 'private key file',
    '.p8': 'private key file',
    '.ppk': 'private key file',
    '.p12': 'PKCS#12 key store',
    '.pfx': 'PKCS#12 key store',
    '.jks': 'Java key store',
    '.keystore': 'Java key store',
    '.tfstate': 'Terraform state (holds secrets in plain text)',
}

# Kinds that a text file's NAME only suggests: `cert.pem` is usually a public
# certificate and `id_rsa` in a test folder may be a placeholder, so these
# count only when hooks.judge.secrets.scan_secrets also finds a 'private key' in the
# file. Every other kind counts by name alone.
CONFIRM_BY_CONTENT = frozenset(('private key file',))

# Config files whose auth entries hooks.judge.secrets reads (compared lowercased).
NPMRC_NAMES = frozenset(('.npmrc',))
YARNRC_NAMES = frozenset(('.yarnrc.yml', '.yarnrc.yaml'))

# -- private keys -----------------------------------------------------------------

# Labels of PEM / OpenSSH private key headers: `-----BEGIN <label>-----`.
PRIVATE_KEY_LABELS = (
    'PRIVATE KEY',
    'RSA PRIVATE KEY',
    'DSA PRIVATE KEY',
    'EC PRIVATE KEY',
    'ENCRYPTED PRIVATE KEY',
    'OPENSSH PRIVATE KEY',
    'SSH2 ENCRYPTED PRIVATE KEY',
    'PGP PRIVATE KEY BLOCK',
)
# A real key body has at least this many base64 characters (the smallest key
# in use, an OpenSSH ed25519 key, has ~400) and enough distinct ones.
PRIVATE_KEY_MIN_BODY = 100
PRIVATE_KEY_MIN_LINE = 40  # at least one run this long (PEM lines are 64)
PRIVATE_KEY_MIN_DISTINCT = 20
# PuTTY keys have no PEM header.
PUTTY_KEY_HEADER = r'PuTTY-User-Key-File-[23]: '

# -- token formats ----------------------------------------------------------------

# (kind, regex) pairs, each the token's complete published format. The
# scanner adds the boundaries (no token character right before or after).
TOKEN_FORMATS: tuple[tuple[str, str], ...] = (
    ('npm token', r'npm_[A-Za-z0-9]{36}'),
    ('GitHub token', r'gh[pousr]_[A-Za-z0-9]{36}'),
    ('GitHub token', r'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}'),
    ('GitLab token', r'glpat-[A-Za-z0-9_-]{20}'),
    ('AWS access key', r'AKIA[A-Z0-9]{16}'),
    ('AWS access key', r'ASIA[A-Z0-9]{16}'),
    ('Slack token', r'xox[abposr]-[0-9]{6,}-[0-9A-Za-z-]{8,}'),
    (
        'Slack webhook URL',
        r'https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{16,}',
    ),
    ('Stripe live key', r'sk_live_[0-9A-Za-z]{24,}'),
    ('Stripe live key', r'rk_live_[0-9A-Za-z]{24,}'),
    ('Anthropic API key', r'sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,}'),
    (
        'OpenAI API key',
        r'sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}',
    ),
    ('PyPI token', r'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}'),
    ('SendGrid API key', r'SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}'),
    ('age secret key', r'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}'),
)
# Characters that may not touch a token on either side.
TOKEN_CHARS = 'A-Za-z0-9_'

# Documented examples that are not secrets: AWS's docs use keys ending in
# EXAMPLE (AKIAIOSFODNN7EXAMPLE).
EXAMPLE_SUFFIXES = ('EXAMPLE',)
# A token whose body has at most this many distinct characters is a
# placeholder (ghp_xxxxxxxx..., npm_000000...).
PLACEHOLDER_MAX_DISTINCT = 2

# Keys of AWS secret access keys (a bare 40-character secret has no prefix
# to tell it from any other base64, so it is only looked for after these).
AWS_SECRET_KEY_NAMES = (
    'aws_secret_access_key',
    'AWS_SECRET_ACCESS_KEY',
    'secretAccessKey',
    'SecretAccessKey',
)

# Auth entries in npm / yarn config, whose value is a secret unless it is an
# environment reference (`${NPM_TOKEN}`).
NPMRC_AUTH_KEYS = ('_authToken', '_auth', '_password')
YARNRC_AUTH_KEYS = ('npmAuthToken', 'npmAuthIdent')
