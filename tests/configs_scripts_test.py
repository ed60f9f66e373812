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
    pytest.param('tsup --config=$INIT_CWD/tsup.config.mts',  # redux-toolkit's build
                 [['tsup', '--config=./tsup.config.mts']], id='init-cwd-is-the-package'),
    pytest.param('tsc -p ${PWD}/tsconfig.build.json',
                 [['tsc', '-p', './tsconfig.build.json']], id='pwd-is-the-package'),
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


def test_run_p_placeholder_arguments():
    """create-vue's build script: run-p type-check "build-only {@}" --"""
    scripts = {'build': 'run-p type-check "build-only {@}" --', 'build-only': 'vite build',
               'type-check': 'vue-tsc --build'}
    assert cmds(scripts) == [
        (('vue-tsc', '--build'), {}, 'type-check'), (('vite', 'build'), {}, 'build-only'),
    ]


@pytest.mark.parametrize(('scripts', 'expected'), [
    pytest.param({'build': 'sh -c "tsc && vite build"'},
                 [(('tsc',), {}, 'build'), (('vite', 'build'), {}, 'build')], id='sh-c'),
    pytest.param({'build': "bash -c 'NODE_ENV=production webpack'"},
                 [(('webpack',), {'NODE_ENV': 'production'}, 'build')], id='bash-c-assignment'),
    pytest.param({'build': 'concurrently "npm:build:*"', 'build:js': 'webpack -d source-map'},
                 [(('webpack', '-d', 'source-map'), {}, 'build:js')],
                 id='concurrently-npm-shorthand'),
    pytest.param({'build': 'dotenv -v NODE_OPTIONS=--max-old-space-size=4096 -- vite build'},
                 [(('vite', 'build'), {'NODE_OPTIONS': '--max-old-space-size=4096'}, 'build')],
                 id='dotenv-cli-variable'),
])
def test_wrappers_that_hold_commands(scripts, expected):
    assert cmds(scripts) == expected


def test_windows_set_idiom_sets_nothing_on_posix():
    assert cmds({'build': 'set GENERATE_SOURCEMAP=false&& react-scripts build'}) == [
        (('react-scripts', 'build'), {}, 'build'),
    ]


def test_bun_run_of_a_file_is_a_command():
    assert cmds({'build': 'bun run build.ts'}) == [(('bun', 'run', 'build.ts'), {}, 'build')]


@pytest.mark.parametrize(('build', 'argv'), [
    pytest.param('yarn webpack --config webpack.prod.js',
                 ('webpack', '--config', 'webpack.prod.js'), id='yarn-binary'),
    pytest.param('yarn -s webpack', ('webpack',), id='yarn-flag-then-binary'),
    pytest.param('pnpm vite build --sourcemap false', ('vite', 'build', '--sourcemap', 'false'),
                 id='pnpm-binary'),
    pytest.param('yarn tsc -p tsconfig.build.json', ('tsc', '-p', 'tsconfig.build.json'),
                 id='yarn-tsc'),
    pytest.param('node --max-old-space-size=8192 ./node_modules/.bin/vite build',
                 ('vite', 'build'), id='node-flags-dot-bin'),
    pytest.param('node node_modules/webpack/bin/webpack.js --config w.js',
                 ('webpack', '--config', 'w.js'), id='node-package-bin'),
    pytest.param('node --max-old-space-size 4096 ./node_modules/next/dist/bin/next build',
                 ('next', 'build'), id='node-option-value-next-dist-bin'),
    pytest.param('node -r dotenv/config node_modules/webpack-cli/bin/cli.js',
                 ('webpack-cli',), id='node-bin-not-named-for-its-package'),
    pytest.param('node node_modules/typescript/bin/tsc', ('tsc',), id='node-typescript'),
    pytest.param('node scripts/build.js', ('node', 'scripts/build.js'), id='node-own-script'),
    pytest.param('node node_modules/left-pad/index.js', ('node', 'node_modules/left-pad/index.js'),
                 id='node-other-package'),
])
def test_the_tool_a_command_runs(build, argv):
    assert cmds({'build': build}) == [(argv, {}, 'build')]


def test_yarn_runs_the_script_when_there_is_one():
    assert cmds({'build': 'yarn webpack', 'webpack': 'webpack --mode production'}) == [
        (('webpack', '--mode', 'production'), {}, 'webpack'),
    ]


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
