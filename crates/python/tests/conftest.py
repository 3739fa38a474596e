import os
import pathlib
import shutil
import subprocess

import pytest

import silkroute

ROOT = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def net():
    return silkroute.Network.eurasia()


@pytest.fixture(scope="session")
def cli():
    """Path to the `silkroute` binary: $SILKROUTE_CLI, else target/{release,debug}.

    When SILKROUTE_CLI is set (as scripts/ci-bindings.sh does) a missing binary
    is a failure, not a skip.
    """
    env = os.environ.get("SILKROUTE_CLI")
    if env:
        assert pathlib.Path(env).is_file(), f"SILKROUTE_CLI={env} does not exist"
        return env
    for profile in ("release", "debug"):
        p = ROOT / "target" / profile / "silkroute"
        if p.is_file():
            return str(p)
    found = shutil.which("silkroute")
    if found:
        return found
    pytest.skip("no silkroute CLI binary: run `cargo build -p silkroute-cli` or set SILKROUTE_CLI")


@pytest.fixture(scope="session")
def run_cli(cli):
    def run(*args):
        p = subprocess.run([cli, *args], capture_output=True, text=True, encoding="utf-8")
        return p.returncode, p.stdout

    return run
