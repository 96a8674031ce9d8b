"""Pieces shared by the ``crossread`` subcommands: argument types (argparse turns their errors into
usage messages) and the one way load problems are reported on stderr."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from datetime import date

from .corpus import LoadProblem
from .textsafe import printable


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-11-25") from None


def report_load_problems(problems: Iterable[LoadProblem]) -> None:
    """One stderr line per file that gave no article; paths are shown safely (a name can hold controls)."""
    for problem in problems:
        where = printable(problem.path, keep_newlines=False)
        print(f"crossread: skipped {where}: {printable(problem.message, keep_newlines=False)}", file=sys.stderr)
