"""`make prod-local NODES=2`: several application nodes behind one nginx upstream (deploy/prod-local.sh, issue 17).

The generated configuration is checked here; tests/faults/test_nodes.py kills a node under load."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not shutil.which("nginx"), reason="needs nginx (nginx -t checks the configuration)")


def generate(tmp_path, **environment) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "deploy/prod-local.sh", "conf"],
        cwd=ROOT,
        env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "PROD_DIR": str(tmp_path), **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )


def upstream(site: str, name: str) -> list[str]:
    block = re.search(rf"upstream {name} \{{(.*?)\}}", site, re.S).group(1)
    return re.findall(r"^\s*server (\S+) ([^;]*);", block, re.M)


def test_one_node_by_default_with_the_single_node_names(tmp_path):
    generated = generate(tmp_path)

    assert generated.returncode == 0, generated.stderr
    site = (tmp_path / "kinerja-site.conf").read_text()
    assert upstream(site, "kinerja_wsgi") == [(f"unix:{tmp_path}/wsgi.sock", "fail_timeout=0")]
    assert upstream(site, "kinerja_asgi") == [(f"unix:{tmp_path}/asgi.sock", "fail_timeout=0")]


def test_two_nodes_each_with_their_own_sockets_in_both_upstreams(tmp_path):
    generated = generate(tmp_path, PROD_NODES="2")

    assert generated.returncode == 0, generated.stderr
    site = (tmp_path / "kinerja-site.conf").read_text()
    skip_a_dead_node = "max_fails=1 fail_timeout=5s"
    assert upstream(site, "kinerja_wsgi") == [
        (f"unix:{tmp_path}/wsgi.sock", skip_a_dead_node),
        (f"unix:{tmp_path}/wsgi-2.sock", skip_a_dead_node),
    ]
    assert upstream(site, "kinerja_asgi") == [
        (f"unix:{tmp_path}/asgi.sock", skip_a_dead_node),
        (f"unix:{tmp_path}/asgi-2.sock", skip_a_dead_node),
    ]
    # Room for the benchmark's 1,000 live clients: each holds a client and an upstream connection.
    nginx = (tmp_path / "nginx.conf").read_text()
    assert int(re.search(r"worker_connections (\d+);", nginx).group(1)) >= 4 * 1000


def test_make_passes_nodes_through(tmp_path):
    generated = generate(tmp_path, NODES="3")

    assert generated.returncode == 0, generated.stderr
    site = (tmp_path / "kinerja-site.conf").read_text()
    assert [server for server, _ in upstream(site, "kinerja_wsgi")][-1] == f"unix:{tmp_path}/wsgi-3.sock"


@pytest.mark.parametrize("nodes", ["0", "two", "-1"])
def test_a_wrong_number_of_nodes_is_refused(tmp_path, nodes):
    generated = generate(tmp_path, PROD_NODES=nodes)

    assert generated.returncode == 2
    assert "PROD_NODES" in generated.stdout + generated.stderr
    assert not (tmp_path / "kinerja-site.conf").exists()


def test_only_idempotent_requests_are_passed_on_to_another_node():
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    pages = site[site.index("location / {") :]
    pages = pages[: pages.index("}")]

    assert re.findall(r"^\s*proxy_next_upstream (.*);", pages, re.M) == ["error timeout"]
    # A POST that reached a node is never sent again (that would double a write), nor is a 503 of Django's (the
    # shared database: another node would only repeat the wait).
    policies = re.findall(r"^\s*proxy_next_upstream (.*);", site, re.M)
    assert policies and not [policy for policy in policies if "non_idempotent" in policy or "http_503" in policy]
