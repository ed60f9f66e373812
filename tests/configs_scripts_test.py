from __future__ import annotations

import pytest

from hooks.configs.scripts import Command
from hooks.configs.scripts import has_flag
from hooks.configs.scripts import option
from hooks.configs.scripts import production_commands
from hooks.configs.scripts import split


@pytest.mark.parametrize(('line', 'expected'), [
    pytest.param('tsc && vite build', [['tsc'], ['vite', 'build']], id='and-chain'),
    pytest.param("rm -rf dist; webpack --devtool 'source-map'",
                 [['rm', '-rf', 'dist'], ['webpack', '--devtool', 'source-map']], id='semicolon'),
    pytest.param('set X=false&& react-scripts build',
                 [['set', 'X=false'], ['react-scripts', 'build']], id='windows-set-idiom'),
    pytest.param('a || b | c', [['a'], ['b'], ['c']], id='or-pipe'),
    pytest.param('terser a.js --source-map "url=inline,includeSources"',
                 [['terser', 'a.js', '--source-map', 'url=inline,includeSources']], id='quotes'),
    pytest.param('echo "unbalanced', [['echo', '"unbalanced']], id='unbalanced-quote'),
])
def test_split_like_a_shell(line, expected):
    assert split(line) == expected


def cmds(scripts: dict[str, str]) -> list[tuple[tuple[str, ...], dict[str, str], str]]:
    return [(c.argv, dict(c.env), c.script) for c in production_commands(scripts)]


def test_npm_run_chain_with_cross_env_and_extra_args():
    scripts = {
        'build': 'rimraf dist && cross-env NODE_ENV=production npm run build:js -- --sourcemap',
        'build:js': 'npx esbuild src/index.ts --bundle',
        'prebuild': 'npm run lint',
        'lint': 'eslint .',
    }
    assert cmds(scripts) == [
        (('eslint', '.'), {}, 'lint'),
        (('rimraf', 'dist'), {}, 'build'),
        (('esbuild', 'src/index.ts', '--bundle', '--sourcemap'),
         {'NODE_ENV': 'production'}, 'build:js'),
    ]


def test_dev_scripts_are_not_production_builds():
    scripts = {'dev': 'vite', 'start': 'webpack serve', 'build': 'vite build'}
    assert cmds(scripts) == [(('vite', 'build'), {}, 'build')]


def test_without_a_build_script_build_like_names_count():
    scripts = {'build:prod': 'webpack --mode production', 'build:dev': 'webpack',
               'watch': 'webpack -w'}
    assert cmds(scripts) == [(('webpack', '--mode', 'production'), {}, 'build:prod')]


def test_run_s_globs_env_prefix_and_cycles():
    scripts = {
        'build': 'run-s "build:*"',
        'build:a': 'GENERATE_SOURCEMAP=0 react-scripts build',
        'build:b': 'yarn build',  # a cycle back to build
    }
    assert cmds(scripts) == [
        (('react-scripts', 'build'), {'GENERATE_SOURCEMAP': '0'}, 'build:a'),
    ]


def test_windows_set_idiom_sets_nothing_on_posix():
    assert cmds({'build': 'set GENERATE_SOURCEMAP=false&& react-scripts build'}) == [
        (('react-scripts', 'build'), {}, 'build'),
    ]


def test_bun_run_of_a_file_is_a_command():
    assert cmds({'build': 'bun run build.ts'}) == [(('bun', 'run', 'build.ts'), {}, 'build')]


def test_options():
    argv = ('webpack', '--devtool', 'source-map', '--mode=production', '--no-devtool', '-c',
            'a.js')
    assert option(argv, '--devtool', '-d') == 'source-map'
    assert option(argv, '--mode') == 'production'
    assert option(argv, '--watch') is None
    assert option(('esbuild', '--sourcemap', 'x.js'), '--sourcemap', takes_value=False) == ''
    assert has_flag(argv, '--no-devtool')
    assert Command(argv).program == 'webpack'


def test_a_word_after_a_map_flag_is_its_value_only_when_it_is_one():
    from hooks.configs.scripts import MAP_CHOICES
    argv = ('babel', '--source-maps', 'src', '-d', 'lib')
    assert option(argv, '--source-maps', choices=MAP_CHOICES) == ''
    argv = ('babel', 'src', '--source-maps', 'inline')
    assert option(argv, '--source-maps', choices=MAP_CHOICES) == 'inline'
