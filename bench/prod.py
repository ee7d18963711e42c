"""The production setup on loopback (deploy/prod-local.sh: nginx, gunicorn, uvicorn, task worker, PostgreSQL,
Redis) on the benchmark's own port and directory, with the bare baseline view switched on."""

import http.cookiejar
import os
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench.setup import ROOT

PORT = 8120
RUN_DIR = "/tmp/kinerja-bench-prod"


class ProdServer:
    def __init__(self, *, database: str, port: int = PORT):
        self.database = database
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.started = False
        self.env = os.environ | {
            "PROD_PORT": str(port),
            "PROD_DB": database,
            "PROD_DIR": RUN_DIR,
            "KINERJA_BENCH_VIEWS": "1",
        }
        for name in ("DATABASE_URL", "DJANGO_DEBUG", "DJANGO_STATIC_ROOT", "KINERJA_TASKS_BACKEND"):
            self.env.pop(name, None)  # the script sets its own

    def running(self) -> bool:
        """Ours and on the right database: the bare view answers and the settings name the database."""
        try:
            with urllib.request.urlopen(f"{self.base}/bench/bare/", timeout=2) as response:
                answering = response.status == 200
        except (urllib.error.URLError, OSError):
            return False
        try:
            settings = Path(RUN_DIR, "kinerja.env").read_text()
        except OSError:
            return False
        return answering and f"/{self.database}\n" in settings

    def start(self) -> None:
        if self.running():
            print(f"production setup already running on {self.base} ({self.database})")
            return
        print(f"starting the production setup on {self.base} (database {self.database}) ...")
        subprocess.run(["deploy/prod-local.sh", "start"], cwd=ROOT, env=self.env, check=True, stdout=subprocess.DEVNULL)
        self.started = True

    def stop(self) -> None:
        if self.started:
            subprocess.run(
                ["deploy/prod-local.sh", "stop"], cwd=ROOT, env=self.env, check=False, stdout=subprocess.DEVNULL
            )

    def login(self, username: str, password: str) -> dict:
        """Log in through the login form; returns the cookies (sessionid, csrftoken)."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{self.base}/accounts/login/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        request = urllib.request.Request(
            f"{self.base}/accounts/login/", data=data.encode(), headers={"Referer": f"{self.base}/accounts/login/"}
        )
        opener.open(request, timeout=30).read()
        cookies = {cookie.name: cookie.value for cookie in jar}
        if "sessionid" not in cookies:
            raise RuntimeError(f"could not log in as {username} on {self.base}")
        return cookies


def cookie_header(cookies: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())
