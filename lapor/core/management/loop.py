"""Shared pieces of the commands that run once (cron) or in a loop (systemd)."""

from __future__ import annotations

import signal
import threading
from argparse import ArgumentTypeError, RawDescriptionHelpFormatter
from collections.abc import Callable
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser, DjangoHelpFormatter
from django.db import close_old_connections


class RawHelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Keep the line breaks of the crontab and systemd examples in a command's help."""


def positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise ArgumentTypeError("must be greater than zero")
    return number


class LoopingCommand(BaseCommand):
    """A command whose help keeps its examples and that can loop until SIGTERM/SIGINT."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", RawHelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def run_loop(
        self,
        one_pass: Callable[[threading.Event], bool],
        *,
        interval: float,
        wait_after_work: bool,
    ) -> None:
        """Call ``one_pass(stop)`` until a signal arrives.

        ``one_pass`` returns whether it found work; the loop waits ``interval`` seconds
        after an idle pass, and after a busy one too when ``wait_after_work``. A signal
        lets the pass in hand finish: its rows may be leased to this process, and
        leaving them makes them wait out the lease.
        """
        stop = threading.Event()

        def request_stop(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        while not stop.is_set():
            close_old_connections()
            worked = one_pass(stop)
            close_old_connections()
            if wait_after_work or not worked:
                stop.wait(interval)
