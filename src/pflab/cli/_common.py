"""Shared plumbing of the ``pflab`` command: errors, shared options, output.

Every command module registers on :data:`pflab.cli.app`. The CLI is an adapter: it
parses options, calls one library function, and hands the :class:`pflab.result.Result`
to :func:`emit`, which prints it as a rich table, CSV (full precision) or JSON
(:meth:`~pflab.result.Result.to_dict`), or writes one CSV per table and the JSON to a
folder. A known error (any :class:`pflab.errors.PflabError`) ends as one red line on
standard error and exit code 1, never a traceback; a :class:`pflab.errors.ParameterError`
that names a Python parameter is reported under the command's flag for it (``draws`` →
``--draws``). Ctrl-C ends with what was saved and exit code 130.

This module imports neither pandas nor numpy, so ``pflab --help`` starts fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click
import typer
from rich.console import Console
from rich.text import Text

from pflab.errors import ParameterError, PflabError, RunInterruptedError

if TYPE_CHECKING:
    from pflab.result import Result

__all__ = [
    "FORMAT",
    "OUT",
    "PLOT",
    "OutputFormat",
    "PflabTyper",
    "check_out",
    "check_plot",
    "console",
    "current_context",
    "emit",
    "err_console",
    "explicit_options",
    "flag_for",
    "handle_errors",
    "print_error",
    "progress_callback",
    "reject_options",
    "split_list",
    "wrote",
]


def _console(stderr: bool = False) -> Console:
    # Rich assumes 80 columns when output is not a terminal; tables of growth
    # components need more, and a pipe or file has no width limit anyway.
    probe = Console(stderr=stderr)
    return probe if probe.is_terminal else Console(stderr=stderr, width=140)


console = _console()
err_console = _console(stderr=True)


class OutputFormat(StrEnum):
    """How a command prints its result."""

    table = "table"
    csv = "csv"
    json = "json"


# Options shared by every command, declared once.
FORMAT = typer.Option(
    OutputFormat.table,
    "--format",
    "-f",
    help="table (on screen), csv (full precision, stamped first line) or json "
    "(the result with provenance and notes).",
)
PLOT = typer.Option(
    None, "--plot", help="Write a chart to this .html file (self-contained, works offline)."
)
OUT = typer.Option(
    None,
    "--out",
    help="Write every table of the result as CSV and the whole result as result.json "
    "into this folder.",
)


def print_error(exc: BaseException | str) -> None:
    """Print a known error as one red line on standard error (never parsed as markup)."""
    line = Text("error: ", style="bold red")
    line.append(str(exc))
    err_console.print(line, highlight=False, soft_wrap=True)


def current_context() -> Any:
    """The running command's click context, or ``None`` outside a command.

    Typer 0.2x vendors its own copy of click (``typer._click``), whose context stack is
    not the ``click`` package's; look there first.
    """
    try:
        from typer._click.globals import get_current_context as typer_context
    except ImportError:  # typer versions that use the click package itself
        return click.get_current_context(silent=True)
    return typer_context(silent=True) or click.get_current_context(silent=True)


def flag_for(parameter: str, ctx: Any = None) -> str:
    """The command-line flag of a Python parameter name (``chunk_size`` → ``--chunk-size``).

    Parameters the current command does not declare are returned unchanged.
    """
    ctx = ctx or current_context()
    if ctx is None:
        return parameter
    for param in ctx.command.params:
        if param.name == parameter:
            if getattr(param, "param_type_name", "") == "option":
                longest = max(param.opts, key=len)
                return longest
            return str(param.name or parameter).upper()  # typer arguments lack human_readable_name
    return parameter


def _report(exc: PflabError) -> None:
    if isinstance(exc, ParameterError):
        flag = flag_for(exc.parameter)
        if flag != exc.parameter:
            print_error(f"{flag}: {exc.detail}")
            return
    print_error(exc)


F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(function: F) -> F:
    """Wrap a command: known errors end as one line (exit 1), Ctrl-C as one (exit 130)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except RunInterruptedError as exc:
            print_error(f"interrupted: {exc}")
            raise typer.Exit(130) from None
        except KeyboardInterrupt:
            print_error("interrupted; nothing was written")
            raise typer.Exit(130) from None
        except PflabError as exc:
            _report(exc)
            raise typer.Exit(1) from None

    return cast(F, wrapper)


class PflabTyper(typer.Typer):
    """A Typer app whose commands turn known errors into one line and exit code 1.

    Help text is plain (no markup), so ``[default: …]`` and bracketed words survive.
    Use it for the root app and for every command group.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("rich_markup_mode", None)
        super().__init__(*args, **kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        """Register a command, wrapped by :func:`handle_errors`."""
        register = super().command(*args, **kwargs)

        def decorator(function: F) -> F:
            register(handle_errors(function))
            return function

        return decorator


def split_list(text: str | None, option: str) -> list[str]:
    """Split ``"A,B , C"`` into ``["A", "B", "C"]``; empty pieces are an error."""
    if text is None:
        return []
    items = [p.strip() for p in text.split(",")]
    if not all(items):
        raise ParameterError(option, f"empty item in {text!r}; expected a comma-separated list")
    return items


def explicit_options(ctx: Any = None) -> set[str]:
    """Python names of the options the user typed (not left at their defaults)."""
    ctx = ctx or current_context()
    if ctx is None:
        raise RuntimeError("explicit_options() needs a running command")
    explicit = set()
    for name in ctx.params:
        source = ctx.get_parameter_source(name)
        # compared by name: click and typer's vendored click have separate enums
        if source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP"):
            explicit.add(name)
    return explicit


def reject_options(names: Iterable[str], mode: str, ctx: Any = None) -> None:
    """Raise if the user typed any of ``names``: they do not apply to ``mode``.

    Raises
    ------
    pflab.errors.ParameterError
        Naming each flag that was given and the mode it does not apply to.
    """
    ctx = ctx or current_context()
    given = sorted(explicit_options(ctx) & set(names))
    if given:
        flags = ", ".join(flag_for(name, ctx) for name in given)
        verb = "does" if len(given) == 1 else "do"
        raise ParameterError(mode, f"{flags} {verb} not apply with {mode}")


def check_plot(path: Path | None) -> Path | None:
    """Check a ``--plot`` file name before any computing (``None`` passes)."""
    if path is None:
        return None
    from pflab.files import check_output_path

    return check_output_path(path, "--plot", suffixes=(".html", ".htm"))


def check_out(path: Path | None) -> Path | None:
    """Check an ``--out`` folder before any computing (``None`` passes)."""
    if path is None:
        return None
    from pflab.files import check_output_path

    return check_output_path(path, "--out", directory=True)


def wrote(path: Path | str) -> None:
    """Tell the user (on standard error) that a file was written."""
    err_console.print(Text(f"wrote {path}"), highlight=False)


def emit(
    result: Result,
    fmt: OutputFormat,
    *,
    out: Path | None = None,
    plot: Path | None = None,
    figure: Callable[[], Any] | None = None,
) -> None:
    """Print or write a result: the one output path of every command.

    Parameters
    ----------
    result
        Any :class:`pflab.result.Result`.
    fmt
        ``table`` prints the views on screen; ``csv`` prints the main table with its
        stamp; ``json`` prints :meth:`~pflab.result.Result.to_json`.
    out
        A folder: write ``<table>.csv`` for every table and ``result.json``.
    plot
        An ``.html`` file for ``figure()`` (a plotly figure), written offline.
    figure
        Builds the chart; called only when ``plot`` is given.
    """
    if fmt is OutputFormat.table:
        console.print(result)
    elif fmt is OutputFormat.csv:
        sys.stdout.write(result.to_csv())
    else:
        sys.stdout.write(result.to_json() + "\n")
    sys.stdout.flush()
    if out is not None:
        from pflab.files import write_text_atomic

        out.mkdir(exist_ok=True)
        for name in result.tables():
            wrote(write_text_atomic(out / f"{name}.csv", result.to_csv(name)))
        wrote(write_text_atomic(out / "result.json", result.to_json()))
    if plot is not None and figure is not None:
        from pflab.report.html import write_html

        wrote(write_html(figure(), plot))


@contextmanager
def progress_callback(label: str, enabled: bool = True) -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar as a ``progress(done, total)`` callback for library functions.

    Shows nothing when ``enabled`` is false or standard error is not a terminal.
    """
    if not enabled or not err_console.is_terminal:
        yield lambda done, total: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
