"""package.json scripts, split like a shell splits them, followed through run chains.

``"build": "rimraf dist && cross-env NODE_ENV=production npm run build:js -- --sourcemap"``
becomes the commands a production ``npm run build`` really runs, each with the
environment variables set in front of it and the arguments npm appends.
"""
from __future__ import annotations

import fnmatch
import os
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field

# Scripts a release runs, in the order npm would look at them.
ENTRY_SCRIPTS = ('build', 'prepack', 'prepublishOnly', 'prepare', 'prepublish')
# Without a "build" script, these names are builds too (unless they say dev/watch/...).
BUILD_LIKE = ('build', 'dist', 'bundle', 'compile', 'package', 'release')
NOT_PRODUCTION = ('dev', 'watch', 'start', 'serve', 'test', 'lint', 'storybook', 'preview',
                  'analyze', 'analyse', 'debug', 'e2e', 'docs')

_SEPARATORS = frozenset(('&&', '||', ';', '|', '&', ';;', '(', ')', '|&'))
_RUNNERS = frozenset(('npx', 'bunx', 'pnpx', 'dlx'))
_ENV_WRAPPERS = frozenset(('cross-env', 'cross-env-shell', 'env', 'dotenv', 'env-cmd'))
# the values source-map flags take (--sourcemap, --source-maps, -m, -s)
MAP_CHOICES = frozenset(('true', 'false', 'inline', 'hidden', 'both', 'linked', 'external',
                         'none'))
_PREFIXES = frozenset(('time', 'nice', 'exec', 'command', 'nohup'))
# env files loaded by env-cmd/dotenv-cli travel in Command.env under this prefix
# (not a valid variable name, so no shell assignment can collide); see env_files()
ENV_FILE_KEY = '\0file:'
# env-cmd -e: "RCFILE<mark>ENV1,ENV2" travels as one such env file
ENV_RC_MARK = '\0rc\0'


@dataclass(frozen=True)
class Command:
    argv: tuple[str, ...]
    env: Mapping[str, str] = field(default_factory=dict)
    script: str = ''
    line: str = ''

    @property
    def program(self) -> str:
        return self.argv[0] if self.argv else ''

    def env_files(self) -> list[str]:
        """Env files the command loads through env-cmd -f / dotenv -e, in order."""
        return [v for k, v in self.env.items() if k.startswith(ENV_FILE_KEY)]


def _is_assignment(tok: str) -> bool:
    name, eq, _ = tok.partition('=')
    return bool(eq) and name.isidentifier()


def split(script: str) -> list[list[str]]:
    """The simple commands of one script line (separators dropped)."""
    lex = shlex.shlex(script, posix=True, punctuation_chars=';&|()')
    lex.whitespace_split = True
    lex.commenters = ''
    out: list[list[str]] = [[]]
    try:
        for tok in lex:
            if tok in _SEPARATORS or (tok and set(tok) <= set(';&|()')):
                if out[-1]:
                    out.append([])
                continue
            out[-1].append(_CWD_VAR.sub(r'\1.', tok))
    except ValueError:  # unbalanced quotes: fall back to whitespace
        out = [script.split()]
    return [c for c in out if c]


# npm runs a script in the package folder and sets INIT_CWD to where it was started
# (the package folder for `npm run build` there): "$INIT_CWD/tsup.config.mts" is local
_CWD_VAR = re.compile(r'(^|^--?[\w-]+=)\$(?:INIT_CWD|\{INIT_CWD\}|PWD|\{PWD\})(?=/|$)')


def _strip(tokens: list[str], env: dict[str, str]) -> list[str]:
    """Drop env assignments, cross-env, npx & co.; the tool's argv remains."""
    toks = list(tokens)
    changed = True
    while toks and changed:
        changed = False
        while toks and _is_assignment(toks[0]):
            k, _, v = toks.pop(0).partition('=')
            env[k] = v
            changed = True
        if not toks:
            break
        head = os.path.basename(toks[0])
        if head == 'cross-env-shell':  # one quoted shell command: split it again
            rest = ' '.join(toks[1:])
            toks = [t for cmd in split(rest) for t in cmd][:200]
            changed = True
        elif head in _ENV_WRAPPERS:
            toks.pop(0)
            rc_file, rc_envs = '.env-cmdrc', ''
            while toks and (toks[0].startswith('-') and head != 'cross-env'):
                opt = toks.pop(0)
                if opt == '--':
                    break
                if head == 'dotenv' and opt == '-v' and toks:  # dotenv-cli -v KEY=VALUE
                    k, eq, v = toks.pop(0).partition('=')
                    if eq:
                        env[k] = v
                    continue
                if opt in ('-f', '-e', '--file', '-u', '-c', '--environments', '-r',
                           '--rc-file') and toks:
                    value = toks.pop(0)
                    # env-cmd -f FILE, dotenv-cli -e FILE: variables from an env file
                    if (head, opt) in (('env-cmd', '-f'), ('env-cmd', '--file'),
                                       ('dotenv', '-e')):
                        env[ENV_FILE_KEY + value] = value
                    # env-cmd -e ENVS [-r RCFILE]: environments of .env-cmdrc
                    elif head == 'env-cmd' and opt in ('-e', '--environments'):
                        rc_envs = value
                    elif head == 'env-cmd' and opt in ('-r', '--rc-file'):
                        rc_file = value
            if rc_envs:
                env[ENV_FILE_KEY + ENV_RC_MARK] = f'{rc_file}{ENV_RC_MARK}{rc_envs}'
            changed = True
        elif head in _RUNNERS or head in _PREFIXES:
            toks.pop(0)
            while toks and toks[0].startswith('-'):
                toks.pop(0)
            changed = True
        elif head in ('pnpm', 'yarn', 'npm', 'bun') and len(toks) > 1 and toks[1] in (
                'exec', 'dlx', 'x'):
            toks = toks[2:]
            if toks and toks[0] == '--':
                toks.pop(0)
            changed = True
    if toks:
        toks[0] = os.path.basename(toks[0])
        if toks[0] == 'node':
            toks = _unwrap_node(toks)
    return toks


# node options that take their value as the next word
_NODE_VALUE_OPTIONS = frozenset((
    '-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions',
    '--env-file', '--title', '--input-type', '--stack-size', '--max-old-space-size',
))


def _unwrap_node(toks: list[str]) -> list[str]:
    """``node --max-old-space-size=8192 node_modules/vite/bin/vite.js build`` runs vite."""
    i = 1
    while i < len(toks) and toks[i].startswith('-') and toks[i] != '--':
        i += 2 if toks[i] in _NODE_VALUE_OPTIONS else 1
    if i < len(toks) and toks[i] == '--':
        i += 1
    tool = _bin_of(toks[i]) if i < len(toks) else None
    return [tool, *toks[i + 1:]] if tool else toks


def _bin_of(path: str) -> str | None:
    """The tool a script under node_modules is: `.bin/vite`, `webpack/bin/webpack.js`,
    `next/dist/bin/next`, `webpack-cli/bin/cli.js` (a bin not named for its package)."""
    from hooks.configs.defaults import PROGRAMS
    path = path.replace('\\', '/')
    if '/node_modules/' not in '/' + path:
        return None
    inside = ('/' + path).rsplit('/node_modules/', 1)[1].split('/')
    name = inside[-1]
    for ext in ('.js', '.cjs', '.mjs'):
        name = name.removesuffix(ext)
    if inside[0] == '.bin':
        return name
    package = '/'.join(inside[:2]) if inside[0].startswith('@') else inside[0]
    for candidate in (name, package):
        if candidate in PROGRAMS and candidate != 'node':
            return candidate
    return None


def _run_target(argv: list[str]) -> tuple[list[str], list[str]] | None:
    """``npm run X -- args`` and friends: (script names or globs, extra args)."""
    if not argv:
        return None
    head = argv[0]
    rest = argv[1:]
    if head in ('npm', 'pnpm', 'bun', 'yarn') and rest and rest[0] in (
            'run', 'run-script', 'rum', 'urn'):
        rest = rest[1:]
    elif head in ('yarn', 'pnpm') and rest and rest[0] not in ('install', 'add', 'exec', 'dlx'):
        pass  # "yarn build" runs the script (or, with no such script, the binary)
    elif head in ('run-s', 'run-p', 'npm-run-all', 'npm-run-all2', 'concurrently'):
        if head == 'concurrently':
            return None
        if '--' in rest:  # what follows fills the {@} {*} {1} placeholders
            rest = rest[:rest.index('--')]
        # "build-only {@}": a script name, then its arguments
        names = [a.strip('"\'').split()[0] for a in rest
                 if not a.startswith('-') and a.strip('"\'').strip()]
        return names, []
    else:
        return None
    i = 0
    while i < len(rest) and rest[i].startswith('-') and rest[i] != '--':
        i += 1
    rest = rest[i:]
    if not rest:
        return None
    name = rest[0]
    extra = rest[1:]
    if extra and extra[0] == '--':
        extra = extra[1:]
    return [name], extra


def _shell_c(argv: list[str]) -> bool:
    """``sh -c "tsc && vite build"``: a command line inside a string."""
    return argv[0] in ('sh', 'bash', 'zsh', 'dash') and len(argv) > 2 and argv[1] == '-c'


def _concurrently(argv: list[str]) -> list[str]:
    """The commands concurrently runs; "npm:build:*" is its shorthand for npm run."""
    out = []
    for a in argv[1:]:
        if a.startswith('-'):
            continue
        for runner in ('npm:', 'yarn:', 'pnpm:', 'bun:'):
            if a.startswith(runner):
                a = f'{runner[:-1]} run {a[len(runner):]}'
        out.append(a)
    return out


def expand(
        scripts: Mapping[str, str],
        name: str,
        *,
        extra: tuple[str, ...] = (),
        env: Mapping[str, str] | None = None,
        seen: frozenset[str] = frozenset(),
        memo: dict[tuple[object, ...], list[Command]] | None = None,
) -> list[Command]:
    """The commands ``npm run name`` runs, with pre/post scripts, recursively.

    A script run several times is expanded once (``memo``) and its commands
    listed once, so scripts that each run the next ones several times cost
    their number, not a power of it.
    """
    if name in seen or len(seen) > 20 or name not in scripts:
        return []
    memo = {} if memo is None else memo
    key = (name, extra, tuple(sorted((env or {}).items())), seen)
    if key in memo:
        return memo[key]
    memo[key] = []  # (a cycle through the same key expands to nothing)
    result = memo[key] = _unique(_expand(scripts, name, extra, env, seen | {name}, memo))
    return result


def _unique(commands: list[Command]) -> list[Command]:
    ids: set[int] = set()
    out = []
    for c in commands:
        if id(c) not in ids:  # the same command reached twice through a memoised script
            ids.add(id(c))
            out.append(c)
    return out


def _expand(
        scripts: Mapping[str, str], name: str, extra: tuple[str, ...],
        env: Mapping[str, str] | None, seen: frozenset[str],
        memo: dict[tuple[object, ...], list[Command]],
) -> list[Command]:
    out: list[Command] = []
    for hook in (f'pre{name}', name, f'post{name}'):
        body = scripts.get(hook)
        if not isinstance(body, str):
            continue
        if hook != name and hook in seen:
            continue
        line = body + ('' if hook != name or not extra else ' ' + ' '.join(
            shlex.quote(a) for a in extra))
        exported: dict[str, str] = dict(env or {})
        for tokens in split(line):
            if tokens and tokens[0] == 'export':
                for tok in tokens[1:]:
                    if _is_assignment(tok):
                        k, _, v = tok.partition('=')
                        exported[k] = v
                continue
            if tokens and tokens[0] == 'set':  # Windows cmd idiom; a no-op for env on POSIX sh
                continue
            cmd_env = dict(exported)
            argv = _strip(tokens, cmd_env)
            if not argv:
                continue
            if argv[0] == 'concurrently' or _shell_c(argv):
                for sub in _concurrently(argv) if argv[0] == 'concurrently' else [argv[2]]:
                    for sub_tokens in split(sub):
                        sub_env = dict(cmd_env)
                        sub_argv = _strip(sub_tokens, sub_env)
                        out.extend(_follow(scripts, sub_argv, sub_env, seen, hook, sub, memo))
                continue
            out.extend(_follow(scripts, argv, cmd_env, seen, hook, line, memo))
    return out


def _follow(
        scripts: Mapping[str, str], argv: list[str], env: dict[str, str],
        seen: frozenset[str], hook: str, line: str,
        memo: dict[tuple[object, ...], list[Command]],
) -> list[Command]:
    target = _run_target(argv)
    if target is None:
        return [Command(tuple(argv), env, hook, line)]
    names, extra = target
    out: list[Command] = []
    for pattern in names:
        matched = [pattern] if pattern in scripts else sorted(
            n for n in scripts if fnmatch.fnmatchcase(n, pattern.replace(':*', ':*')))
        for n in matched:
            out.extend(expand(scripts, n, extra=tuple(extra), env=env, seen=seen, memo=memo))
        if not matched and argv[0] == 'bun':  # "bun run build.ts": a file, not a script
            out.append(Command(tuple(argv), env, hook, line))
        elif not matched and argv[0] in ('yarn', 'pnpm') and len(names) == 1:
            # "yarn webpack --config x": with no such script, yarn and pnpm run the binary
            out.append(Command((os.path.basename(pattern), *extra), env, hook, line))
    return out


def production_scripts(scripts: Mapping[str, str]) -> list[str]:
    """The script names a production build or a publish runs."""
    names = [n for n in ENTRY_SCRIPTS if isinstance(scripts.get(n), str)]
    if 'build' not in scripts:
        for n in scripts:
            low = n.lower()
            if n in names or any(w in low for w in NOT_PRODUCTION):
                continue
            if low.split(':')[0] in BUILD_LIKE or low.startswith(BUILD_LIKE):
                names.append(n)
    return names


# A longer script is not split (shlex is pure Python): hooks.check_sourcemap_config
# reports it as bad input instead of analysing what it runs.
MAX_SCRIPT = 100_000


def too_long_scripts(scripts: Mapping[str, object]) -> list[str]:
    return [k for k, v in scripts.items() if isinstance(v, str) and len(v) > MAX_SCRIPT]


def production_commands(scripts: Mapping[str, object]) -> list[Command]:
    clean = {k: v for k, v in scripts.items()
             if isinstance(k, str) and isinstance(v, str) and len(v) <= MAX_SCRIPT}
    out: list[Command] = []
    seen_lines: set[tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = set()
    for name in production_scripts(clean):
        for cmd in expand(clean, name):
            key = (cmd.argv, tuple(sorted(cmd.env.items())))
            if key not in seen_lines:
                seen_lines.add(key)
                out.append(cmd)
    return out


def option(
        argv: tuple[str, ...], *names: str, takes_value: bool = True,
        choices: frozenset[str] | None = None,
) -> str | None:
    """The last value of ``--name value`` / ``--name=value``; '' for a bare flag.

    With ``choices``, a following word that is not one of them is not the option's
    value (``babel --source-maps src -d lib``: ``src`` is the input).
    """
    found: str | None = None
    i = 0
    while i < len(argv):
        a = argv[i]
        for n in names:
            if a == n:
                if takes_value and i + 1 < len(argv) and not argv[i + 1].startswith('-') and (
                        choices is None or argv[i + 1] in choices):
                    found = argv[i + 1]
                    i += 1
                else:
                    found = ''
                break
            if a.startswith(n + '=') and n.startswith('--'):
                found = a[len(n) + 1:]
                break
        i += 1
    return found


def options(argv: tuple[str, ...], *names: str) -> list[str]:
    """Every value of a repeatable option."""
    out: list[str] = []
    for i, a in enumerate(argv):
        for n in names:
            if a == n and i + 1 < len(argv):
                out.append(argv[i + 1])
            elif a.startswith(n + '=') and n.startswith('--'):
                out.append(a[len(n) + 1:])
    return out


def has_flag(argv: tuple[str, ...], *names: str) -> bool:
    return any(a in names or any(a.startswith(n + '=') for n in names if n.startswith('--'))
               for a in argv)


def positionals(argv: tuple[str, ...], value_options: frozenset[str] = frozenset()) -> list[str]:
    out: list[str] = []
    skip = False
    for a in argv[1:]:
        if skip:
            skip = False
            continue
        if a.startswith('-'):
            if a in value_options:
                skip = True
            continue
        out.append(a)
    return out
