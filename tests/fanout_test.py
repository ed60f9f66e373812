from __future__ import annotations

import json
import os

import pytest

from hooks import fanout
from hooks.fanout import fan_out
from hooks.fanout import processes


@pytest.fixture
def two(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fanout.JOBS_ENV, '2')


@pytest.mark.parametrize(('value', 'expected'), [
    pytest.param('1', 1, id='one: no helpers'),
    pytest.param('2', 2, id='two'),
    pytest.param('99', fanout.MAX_PROCESSES, id='capped'),
    pytest.param('0', 1, id='zero is one'),
])
def test_processes_from_the_environment(
        monkeypatch: pytest.MonkeyPatch, value: str, expected: int) -> None:
    monkeypatch.setenv(fanout.JOBS_ENV, value)
    assert processes() == expected


def test_processes_default_to_the_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fanout.JOBS_ENV, raising=False)
    assert processes() == max(1, min(len(os.sched_getaffinity(0)), fanout.MAX_PROCESSES))


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


@pytest.mark.usefixtures('two')
@pytest.mark.parametrize('count', [0, 1, fanout.MIN_JOBS - 1, fanout.MIN_JOBS, 200, 3000])
def test_results_in_job_order(count: int) -> None:
    got = fan_out(list(range(count)), _pid_and_square)
    assert [square for _, square in got] == [n * n for n in range(count)]
    pids = {pid for pid, _ in got}
    assert os.getpid() in pids or not got
    if count < fanout.MIN_JOBS:
        assert pids <= {os.getpid()}   # not worth a fork


@pytest.mark.usefixtures('two')
def test_a_helper_shares_the_jobs() -> None:
    import time

    def slow(n: int) -> int:
        time.sleep(0.005)
        return os.getpid()

    pids = fan_out(list(range(40)), slow)
    assert len(set(pids)) == 2 and os.getpid() in pids


def test_one_process_forks_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fanout.JOBS_ENV, '1')
    assert {pid for pid, _ in fan_out(list(range(50)), _pid_and_square)} == {os.getpid()}


@pytest.mark.usefixtures('two')
def test_a_job_that_fails_in_a_helper_is_done_here() -> None:
    parent = os.getpid()

    def only_here(n: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError('helpers fail')
        return n + 1

    assert fan_out(list(range(30)), only_here) == list(range(1, 31))


@pytest.mark.usefixtures('two')
def test_a_helper_that_dies_costs_only_time() -> None:
    parent = os.getpid()

    def dies(n: int) -> int:
        if os.getpid() != parent and n % 3 == 0:
            os._exit(9)   # killed mid-run: its answers never arrive
        return -n

    assert fan_out(list(range(30)), dies) == [-n for n in range(30)]


@pytest.mark.usefixtures('two')
def test_an_unpicklable_answer_is_done_here() -> None:
    def lock(n: int) -> object:
        import threading

        return n if os.getpid() == parent else threading.Lock()

    parent = os.getpid()
    assert fan_out(list(range(20)), lock) == list(range(20))


@pytest.mark.usefixtures('two')
def test_an_error_here_ends_the_helpers() -> None:
    parent = os.getpid()

    def fails_here(n: int) -> int:
        if os.getpid() == parent:
            raise ValueError('here')
        return n

    with pytest.raises(ValueError, match='here'):
        fan_out(list(range(30)), fails_here)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)   # no helper left behind, not even a zombie


@pytest.mark.usefixtures('two')
@pytest.mark.parametrize('call', ['fork', 'pipe'])
def test_no_process_or_descriptor_left_means_no_helper(
        monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    """A fork or a pipe refused (a container's process limit, no descriptor left)
    leaves the jobs to this process."""
    def refused() -> None:
        raise BlockingIOError(11, 'Resource temporarily unavailable')

    monkeypatch.setattr(os, call, refused)
    got = fan_out(list(range(20)), _pid_and_square)
    assert got == [(os.getpid(), n * n) for n in range(20)]


def _monorepo(root: str, count: int) -> None:
    """A workspace root with ``count`` packages, some with findings."""
    os.makedirs(root)
    with open(os.path.join(root, 'package.json'), 'w') as f:
        json.dump({'name': 'root', 'private': True, 'workspaces': ['packages/*']}, f)
    for i in range(count):
        pkg = os.path.join(root, 'packages', f'p{i:03}')
        os.makedirs(os.path.join(pkg, 'dist'))
        manifest: dict[str, object] = {'name': f'p{i}', 'version': '1.0.0'}
        if i % 2:
            manifest['files'] = ['dist']
        with open(os.path.join(pkg, 'package.json'), 'w') as f:
            json.dump(manifest, f)
        with open(os.path.join(pkg, 'dist', 'index.js'), 'w') as f:
            f.write('console.log(1)\n//# sourceMappingURL=index.js.map\n' if i % 5 == 0
                    else 'console.log(1)\n')
        if i % 5 == 0:
            with open(os.path.join(pkg, 'dist', 'index.js.map'), 'w') as f:
                json.dump({'version': 3, 'sources': ['../src/a.ts'],
                           'sourcesContent': ['export const a = 1\n'], 'mappings': ''}, f)
        if i % 7 == 0:
            with open(os.path.join(pkg, '.npmrc'), 'w') as f:
                f.write('//registry.npmjs.org/:_authToken=npm_' + 'a1B2' * 9 + '\n')
        if i == 11:   # bad input, in whichever process judges it
            with open(os.path.join(pkg, 'package.json'), 'w') as f:
                f.write('{"name": "p11",')
        if i == 17:
            os.mkfifo(os.path.join(pkg, '.npmignore'))


def test_a_monorepo_judged_on_two_cpus_as_on_one(
        tmp_path: os.PathLike[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Every package's findings, errors (bad input) and totals, in the same order either way."""
    from hooks.check_npm_publish import main

    root = os.path.join(os.fspath(tmp_path), 'repo')
    _monorepo(root, 30)
    monkeypatch.chdir(root)
    said = []
    for jobs in ('1', '2'):
        monkeypatch.setenv(fanout.JOBS_ENV, jobs)
        code = main(['--format', 'json'])
        said.append((code, capsys.readouterr()))
    assert said[0] == said[1]
    code, out = said[0]
    assert code == 2
    assert out.err.splitlines() == [
        ('packages/p011/package.json:1:16: invalid JSON, npm pack fails with EJSONPARSE: '
         'Expecting property name enclosed in double quotes'),
        'packages/p017/.npmignore: is a FIFO (named pipe), not a regular file; not read',
    ]
    report = json.loads(out.out)
    assert len({f['package'] for f in report['findings']}) >= 6
    assert 'a1B2' not in out.out + out.err
