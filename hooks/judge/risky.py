"""Tables of risky files and key rules: data only, judged by hooks.judge.secrets.

Kept as plain literals (the way identify keeps its extensions.py) so a reader
can audit them and tests/risky_test.py can check their invariants. Token
formats are in hooks.judge.credentials.
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

# The formats of tokens and keys with a shape of their own are in
# hooks.judge.credentials, one entry per provider with its documentation.

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
