"""The ``--noinput`` flag and the confirmation question of the commands that empty the index."""

from __future__ import annotations

from django.core.management.base import CommandError


def add_noinput(parser) -> None:
    parser.add_argument(
        "--noinput",
        "--no-input",
        action="store_false",
        dest="interactive",
        help="do not ask for confirmation",
    )


def confirm(interactive: bool, question: str, what: str) -> None:
    """Ask ``question`` unless ``--noinput``; anything but yes cancels ``what``."""
    if interactive:
        answer = input(f"{question} Continue? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            raise CommandError(f"{what} cancelled")
