"""The production setup on loopback (deploy/prod-local.sh: nginx, gunicorn, uvicorn, task worker, PostgreSQL,
Redis) on the benchmark's own port and directory, with the bare baseline view switched on."""

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench.setup import ROOT

PORT = 8120
RUN_DIR = "/tmp/kinerja-bench-prod"
# The Redis database of the production setup: the caller's REDIS_URL when set (a shared machine gives each user
# its own database number), else the script's default.
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


class ProdServer:
    def __init__(self, *, database: str, port: int = PORT, run_dir: str = RUN_DIR):
        self.database = database
        self.port = port
        self.run_dir = run_dir
        self.base = f"http://127.0.0.1:{port}"
        self.started = False
        self.env = os.environ | {
            "PROD_PORT": str(port),
            "PROD_DB": database,
            "PROD_DIR": run_dir,
            "KINERJA_BENCH_VIEWS": "1",
            "PROD_REDIS_URL": REDIS_URL,
        }
        self.redis_url = REDIS_URL
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
            settings = Path(self.run_dir, "kinerja.env").read_text()
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

    def django(self, module: str, *arguments: str, stdin: str = "") -> dict | list:
        """The JSON answer (last line) of `python -m <module> <arguments>` run with the servers' own settings and
        database: what the bench asks of the database the servers use, whichever database the bench runs on."""
        environment = dict(os.environ)
        for line in Path(self.run_dir, "kinerja.env").read_text().splitlines():
            name, _, value = line.partition("=")
            if name:
                environment[name] = value
        finished = subprocess.run(
            [sys.executable, "-m", module, *arguments],
            cwd=ROOT,
            env=environment,
            input=stdin,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(finished.stdout.strip().splitlines()[-1])

    def sessions(self, usernames: list[str]) -> dict[str, dict]:
        """Signed-in sessions of many people at once, as `Client.force_login` makes them (the login form hashes a
        password per person: 200 logins would cost minutes of the servers' CPU before the load even starts).
        Made by `python -m bench.prod sessions` with the servers' own settings, so the sessions are theirs."""
        keys = self.django("bench.prod", "sessions", stdin="\n".join(usernames))
        missing = set(usernames) - set(keys)
        if missing:
            raise RuntimeError(f"no session for {sorted(missing)[:5]} ({len(missing)} people)")
        return {name: {"sessionid": key} for name, key in keys.items()}


def make_sessions(usernames: list[str]) -> dict[str, str]:
    """Session keys of `usernames`, signed in through the site's authentication backend (run inside the servers'
    settings)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model

    store = import_module(settings.SESSION_ENGINE).SessionStore
    backend = settings.AUTHENTICATION_BACKENDS[-1]
    keys = {}
    for user in get_user_model().objects.filter(username__in=usernames, is_active=True):
        session = store()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys[user.username] = session.session_key
    return keys


def cookie_header(cookies: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


if __name__ == "__main__" and sys.argv[1:] == ["sessions"]:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    print(json.dumps(make_sessions([line.strip() for line in sys.stdin if line.strip()])))
