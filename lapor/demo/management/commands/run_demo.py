"""``manage.py run_demo``: the whole system on one machine, in one terminal (``make run``).

A web server alone shows pages but keeps none of the promises made on them: nothing
delivers the outbox (in-app notices, e-mails, SMS), no worker runs the tasks a commit
queues, no sweep acts on due dates. This command starts each of them as a child process
and prefixes every line a child writes with its name, so that a newcomer sees the web
requests, the worker, the outbox and the e-mails (console backend) and SMS (logging
gateway) side by side. Ctrl-C or SIGTERM stops them all; if one of them dies, the
others are stopped and the command says which one and why it stopped.

Not for production: there, each loop is its own service (docs/deploy.md).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from types import FrameType
from typing import IO, Any

from django.conf import settings
from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser

# Periodic clean-ups, each run on its own every --purge-interval seconds: stale write
# drafts (lapor.portal) and old API idempotency keys (lapor.api).
PURGE_COMMANDS = (("purge", "purge_write_drafts"), ("api-idem", "purge_idempotency_keys"))
# Unless EMAIL_BACKEND says otherwise: each e-mail as a few lines (lapor.demo.mail).
DEMO_EMAIL_BACKEND = "lapor.demo.mail.ConsoleSummaryEmailBackend"
STOP_GRACE_SECONDS = 15.0
# django-tasks' worker logs each task's start and success; failures still show.
ROUTINE_TASK_LINE = re.compile(r"\bstate=(RUNNING|SUCCESSFUL|SUCCEEDED)\b")
COLOURS = ("36", "33", "35", "32", "34", "31")


@dataclass
class Child:
    """A process to keep running (``every`` is None) or to run again every ``every`` s."""

    name: str
    argv: list[str]
    every: float | None = None
    process: subprocess.Popen[bytes] | None = None
    next_run: float = 0.0
    reader: threading.Thread | None = field(default=None, repr=False)


class Command(BaseCommand):
    help = (
        "Run the web server with the outbox delivery, the task worker and the deadline "
        "sweeps beside it, each a child process with its output prefixed by its name "
        "(development: what `make run` starts)."
    )
    # The children check what they need; the supervisor itself touches no database.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "addrport", nargs="?", default="127.0.0.1:8000", help="Where the web server listens."
        )
        parser.add_argument(
            "--outbox-interval",
            type=float,
            default=2.0,
            help="Seconds between outbox passes when nothing is due (default: %(default)s).",
        )
        parser.add_argument(
            "--worker-interval",
            type=float,
            default=1.0,
            help="Seconds between the task worker's polls (default: %(default)s).",
        )
        parser.add_argument(
            "--sweep-interval",
            type=float,
            default=60.0,
            help="Seconds between deadline sweeps (default: %(default)s).",
        )
        parser.add_argument(
            "--purge-interval",
            type=float,
            default=3600.0,
            help="Seconds between runs of each clean-up (stale drafts, old idempotency keys) "
            "(default: %(default)s).",
        )
        parser.add_argument(
            "--noreload",
            action="store_true",
            help="Do not restart the web server when the code changes.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.children = self._children(options)
        self.lock = threading.Lock()
        self.colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        self.width = max(len("run_demo"), *(len(c.name) for c in self.children))
        self.stopping = threading.Event()
        self.why = ""

        def request_stop(signum: int, frame: FrameType | None) -> None:
            if self.stopping.is_set():  # a second Ctrl-C: no more waiting
                self._signal_all(signal.SIGKILL)
            self.why = self.why or f"{signal.Signals(signum).name} received"
            self.stopping.set()

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        self._say(
            "run_demo",
            "starting "
            + ", ".join(c.name for c in self.children)
            + "; Ctrl-C stops them all. E-mails and SMS are printed here, not sent.",
        )
        failed = False
        try:
            now = time.monotonic()
            for child in self.children:
                if child.every is None:
                    self._start(child)
                else:
                    child.next_run = now + 5.0  # after the others have settled
            failed = self._watch()
        finally:
            self._stop_all()
        if failed:
            raise CommandError(self.why)
        self._say("run_demo", f"stopped ({self.why}).")

    # --- what runs ------------------------------------------------------------------

    def _children(self, options: dict[str, Any]) -> list[Child]:
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        web = [*manage, "runserver", options["addrport"]]
        if options["noreload"]:
            web.append("--noreload")
        children = [
            Child("web", web),
            Child(
                "worker",
                [
                    *manage,
                    "db_worker",
                    "--no-reload",
                    "--no-startup-delay",
                    "--interval",
                    f"{options['worker_interval']:g}",
                ],
            ),
            Child(
                "outbox",
                [
                    *manage,
                    "outbox_dispatch",
                    "--loop",
                    "--interval",
                    f"{options['outbox_interval']:g}",
                ],
            ),
            Child(
                "sweeps",
                [*manage, "run_sweeps", "--loop", "--interval", f"{options['sweep_interval']:g}"],
            ),
        ]
        known = get_commands()
        for name, command in PURGE_COMMANDS:
            if command in known:
                children.append(Child(name, [*manage, command], every=options["purge_interval"]))
        return children

    # --- processes ----------------------------------------------------------------

    def _start(self, child: Child) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.setdefault("EMAIL_BACKEND", DEMO_EMAIL_BACKEND)
        # Each child leads its own process group, so that a signal reaches the
        # processes it starts too (runserver's autoreloader runs the server in one).
        child.process = subprocess.Popen(  # noqa: S603 - our own python and manage.py
            child.argv,
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            process_group=0,
        )
        self._say(child.name, f"started (pid {child.process.pid}): {' '.join(child.argv[2:])}")
        stream = child.process.stdout
        assert stream is not None
        child.reader = threading.Thread(
            target=self._copy, args=(child.name, stream), name=f"out-{child.name}", daemon=True
        )
        child.reader.start()

    def _copy(self, name: str, stream: IO[bytes]) -> None:
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if name == "worker" and ROUTINE_TASK_LINE.search(line):
                continue  # each task's start and success: hundreds of lines, no news
            self._say(name, line)
        stream.close()

    def _watch(self) -> bool:
        """Wait for a signal or a death; return whether a child failed."""
        while not self.stopping.wait(0.2):
            now = time.monotonic()
            for child in self.children:
                process = child.process
                if child.every is not None:
                    if process is not None and process.poll() is not None:
                        if process.returncode:
                            self._say(child.name, f"exited with code {process.returncode}")
                        child.process = None
                    if child.process is None and now >= child.next_run:
                        child.next_run = now + child.every
                        self._start(child)
                    continue
                if process is not None and process.poll() is not None:
                    self.why = (
                        f"{child.name} exited with code {process.returncode}; the others "
                        "were stopped. Its last lines above say why."
                    )
                    return True
        return False

    def _signal_all(self, sig: int) -> None:
        for child in self.children:
            if child.process is not None and child.process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.process.pid, sig)

    def _stop_all(self) -> None:
        """SIGTERM to every child's group (loops finish their pass), SIGKILL after a grace."""
        self._signal_all(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in self.children:
            process = child.process
            if process is None:
                continue
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._say(child.name, "did not stop in time: killed")
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            # What is left in its pipe (group members that outlived it) is not awaited.
            if child.reader is not None:
                child.reader.join(timeout=2)

    # --- output -------------------------------------------------------------------

    def _say(self, name: str, line: str) -> None:
        prefix = f"{name:<{self.width}} | "
        if self.colour:
            names = [c.name for c in self.children]
            code = COLOURS[names.index(name) % len(COLOURS)] if name in names else "1"
            prefix = f"\033[{code}m{prefix}\033[0m"
        with self.lock:
            self.stdout.write(prefix + line)
            self.stdout.flush()
