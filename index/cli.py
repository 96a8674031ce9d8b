"""The ``crossread`` command: every engine capability, one subcommand each.

Each subcommand parses its arguments, calls the engine and prints. A user error (``CrossreadError``)
becomes one line on stderr and exit status 2; nothing a user can cause prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import annotate_cli
from .cli_types import positive_int, report_load_problems
from .config import Config, load_config
from .errors import CrossreadError
from .library import Library, cli_processes, update_index
from .query import split_query
from .stories import corpus_stories
from .textsafe import printable

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

EXIT_USER_ERROR = 2


def _location_options(default: object) -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--corpus", type=Path, metavar="DIR", default=default, help="folder of articles (default: config, else the seeds)"
    )
    options.add_argument(
        "--config", type=Path, metavar="FILE", default=default,
        help="settings file (default: $XDG_CONFIG_HOME/crossread/config.yaml)",
    )
    return options


def build_parser() -> argparse.ArgumentParser:
    # Subcommands accept the options too; SUPPRESS keeps their absence from erasing a value given before the command.
    common = _location_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="crossread",
        parents=[_location_options(None)],
        description="Read one news event across many outlets. With no command, opens the app.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("app", parents=[common], help="open the reader app (the default)")

    index = commands.add_parser("index", parents=[common], help="bring the search index in step with the corpus")
    index.add_argument("--rebuild", action="store_true", help="throw the index away and build it again")

    listing = commands.add_parser("list", parents=[common], help="list the articles: source, date, title, length")
    listing.add_argument("--json", action="store_true", help="print a JSON list of objects")

    search = commands.add_parser(
        "search",
        parents=[common],
        help="search every source",
        description=(
            "Search paragraphs of every article. Words are ANDed; \"exact phrase\", \"phrase\"~N, OR, NOT, "
            "( ), field:value (source, title, date, article), prefix*, fuzzy word~ or word~2, "
            "date:[2026-01-01 TO 2026-01-31]. Alignment filters (ANDed with the whole query): only:yes / only:no "
            "(passages only one outlet of the story reports, or not), outlets:>=N (also N, >N, <=N, <N), "
            "flag:number / flag:attribution / flag:any (a conflicting figure or attribution). "
            "Text output ends with the matching passages per source."
        ),
    )
    search.add_argument("query", help="the query (quote it for the shell)")
    search.add_argument("--limit", type=positive_int, metavar="N", help="at most N passages (default: config, 20)")
    search.add_argument("--sort", choices=("relevance", "date"), help="order of results (default: relevance)")
    search.add_argument("--json", action="store_true", help="print a JSON list of objects")
    search.add_argument(
        "--facets",
        action="store_true",
        help='with --json, print {"hits": [...], "facets": {source: passages}, "total": N} instead of the list',
    )

    _add_alignment_commands(commands, common)
    annotate_cli.add_commands(commands, common)
    discrepancies = commands.add_parser(
        "discrepancies", parents=[common],
        help="figures and attributions on which the outlets of a story disagree, and look-alikes that are not conflicts",
        description=(
            "Compare the figures (counts, shares, money, temperatures, distances, spans of time, dates) and the "
            "attributions (who said it, where, to whom) of every story's outlets. Each CONFLICT gives both passages, "
            "the values as written and normalised, and the size of the difference; each look-alike ('not flagged') "
            "says why it is not a conflict. Results are cached with the alignments."
        ),
    )
    discrepancies.add_argument("--story", metavar="ID", help="story id (default: every story)")
    discrepancies.add_argument("--conflicts", action="store_true", help="only the conflicts, without the look-alikes")
    discrepancies.add_argument("--json", action="store_true", help="print JSON")
    serve = commands.add_parser(
        "serve", parents=[common], help="serve the reader app to a web browser on this machine only (127.0.0.1)",
        description=(
            "Serve the reader app to a web browser, on 127.0.0.1 only (textual-serve). Open the printed address; "
            "each browser tab runs its own copy of the app. Stop the server with ctrl+c."
        ),
    )
    serve.add_argument("--port", type=positive_int, default=8000, metavar="N", help="port on 127.0.0.1 (default: 8000)")
    return parser


def _add_alignment_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    align = commands.add_parser("align", parents=[common], help="link the passages of two articles that report the same thing")
    align.add_argument("a", metavar="A", help="article id (see `crossread list`)")
    align.add_argument("b", metavar="B", help="article id")
    align.add_argument("--json", action="store_true", help="print JSON")
    collate = commands.add_parser(
        "collate", parents=[common], help="groups, coverage, only-in-one-source passages and quote variants of a story"
    )
    collate.add_argument("--story", metavar="ID", help="story id (default: every story)")
    collate.add_argument("--json", action="store_true", help="print JSON")



def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "app"
    try:
        config = resolve_config(args)
        handler = _HANDLERS[command]
        return handler(args, config)
    except CrossreadError as error:
        print(f"crossread: {error.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("crossread: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def resolve_config(args: argparse.Namespace) -> Config:
    """Settings from --config (or the user file), with --corpus taking precedence."""
    config = load_config(args.config)
    if args.corpus is not None:
        from dataclasses import replace

        config = replace(config, corpus=args.corpus.expanduser().resolve())
    return config


def open_library(config: Config, *, rebuild: bool = False) -> Library:
    """The corpus and its index, brought up to date, with progress and notices on stderr."""
    reporter = _StderrProgress()
    library = Library.open(
        config, progress=reporter, notice=reporter.notice, rebuild=rebuild, procs=cli_processes()
    )
    reporter.finish()
    report_load_problems(library.corpus.problems, library.corpus.articles)
    return library


class _StderrProgress:
    """Progress of long work on stderr: a self-overwriting line on a terminal, a few lines otherwise."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.shown = False
        self._last_decile: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total < 20 and not self.tty:
            return
        if self.tty:
            self.stream.write(f"\r{stage} {done}/{total} files…")
            self.stream.flush()
            self.shown = True
            return
        decile = done * 10 // max(total, 1)
        if decile != self._last_decile.get(stage):
            self._last_decile[stage] = decile
            print(f"crossread: {stage} {done}/{total} files", file=self.stream)

    def notice(self, message: str) -> None:
        self.finish()
        print(f"crossread: {message}", file=self.stream)

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


# -- subcommands ---------------------------------------------------------------------------


def cmd_app(args: argparse.Namespace, config: Config) -> int:
    from tui.app import run_app  # the one deferred import: the engine commands never load Textual

    return run_app(config)


def cmd_index(args: argparse.Namespace, config: Config) -> int:
    reporter = _StderrProgress()
    update = update_index(config, rebuild=args.rebuild, progress=reporter, notice=reporter.notice)
    reporter.finish()
    report_load_problems(update.problems)
    report = update.report
    print(
        f"indexed {update.store.corpus_root}: {update.files} files, {update.store.document_count()} passages; "
        f"files added {report.added}, changed {report.changed}, removed {report.removed}, "
        f"unchanged {report.unchanged}; {update.skipped_other} other files ignored"
    )
    print(f"index: {update.store.folder}")
    update.store.close()
    return 0


def cmd_list(args: argparse.Namespace, config: Config) -> int:
    library = open_library(config)
    corpus = library.corpus
    stories = corpus_stories(corpus.articles, config.derived_cache("stories"))
    if args.json:
        rows = [
            {
                "id": a.id,
                "source": a.source,
                "source_inferred": a.source_inferred,
                "date": a.date,
                "title": a.display_title,
                "has_title": a.title is not None,
                "words": a.word_count,
                "paragraphs": len(a.content_paragraphs),
                "debris": len(a.debris_spans),
                "story": story.id,
                "path": a.path,
            }
            for story in stories
            for a in (corpus.get(article_id) for article_id in story.article_ids)
            if a is not None
        ]
        _print_json(rows)
        return 0
    if not corpus.articles:
        print(f"no articles in {corpus.root}", file=sys.stderr)
        return 0
    console = _console()
    # A terminal gets a table that fits its width; a pipe or file gets every cell whole, for grep and scripts.
    on_terminal = console.is_terminal
    if not on_terminal:
        console = _console(width=_UNLIMITED_WIDTH)
    table = Table(box=None, pad_edge=False, header_style="bold", expand=on_terminal)
    table.add_column("source", no_wrap=True, max_width=24 if on_terminal else None, overflow="ellipsis")
    table.add_column("date", no_wrap=True)
    table.add_column("words", justify="right", no_wrap=True)
    table.add_column("title", no_wrap=True, overflow="ellipsis", ratio=1 if on_terminal else None)
    table.add_column("id", no_wrap=True, overflow="ellipsis", max_width=40 if on_terminal else None)
    for story in stories:
        members = [a for a in (corpus.get(i) for i in story.article_ids) if a is not None]
        count = f"{len(members)} article{'s' if len(members) != 1 else ''}"
        table.add_row(Text("story", style="dim"), Text(""), Text(""), Text(f"{story.id} · {count}", style="bold"))
        for article in members:
            table.add_row(
                Text(printable(article.source, keep_newlines=False)),
                Text(article.date or "—"),
                Text(str(article.word_count)),
                Text(printable(article.display_title, keep_newlines=False)),
                Text(printable(article.id, keep_newlines=False), style="dim"),
            )
    console.print(table)
    return 0


def cmd_search(args: argparse.Namespace, config: Config) -> int:
    split = split_query(args.query)  # a bad query is refused before any indexing work
    library = open_library(config)
    if split.filters:
        aligning = _AligningProgress(split.filters[0].text)
        try:
            library.alignment_facts(aligning)
        finally:
            aligning.finish()
    with_facets = not args.json or args.facets
    result = library.search(args.query, limit=args.limit, sort=args.sort, facets=with_facets)
    if result.note:
        print(f"crossread: {result.note}", file=sys.stderr)
    if args.json and args.facets:
        _print_json({"hits": [hit.as_json() for hit in result.hits], "facets": result.facets, "total": result.total})
    elif args.json:
        _print_json([hit.as_json() for hit in result.hits])
    else:
        console = _console()
        for hit in result.hits:
            heading = Text()
            heading.append(printable(hit.source, keep_newlines=False), style="bold")
            heading.append(f"  {hit.date or ''}  ")
            heading.append(printable(hit.title, keep_newlines=False))
            heading.append(f"  ¶{hit.paragraph} [{hit.start}:{hit.end}] {hit.score:.2f}  {hit.article}", style="dim")
            console.print(heading)
            console.print(snippet_text(hit.snippet, hit.highlights), soft_wrap=False)
            console.print()
        if result.facets:
            console.print(facets_text(result.facets, result.total, len(result.hits)), soft_wrap=True)
    if not result.hits:
        hint = f"; did you mean: {result.suggestion}" if result.suggestion else ""
        print(f"crossread: no passages match {args.query!r}{hint}", file=sys.stderr)
        return 1
    return 0


class _AligningProgress:
    """Progress of aligning the corpus for a first ``only:``/``outlets:``/``flag:`` search, on stderr.

    Called only when stories must actually be aligned (a cold facts cache). The first call prints
    one line, "aligning N stories for only:yes (once; cached)"; on a terminal a bar with the count,
    elapsed and remaining time follows under it until the work is done, then disappears.
    """

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        """Args:
        label: The filter as typed (``only:yes``), named in the line.
        stream: Where to write (default: stderr).
        """
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.told = False
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if not self.told:
            self.told = True
            noun = "stories" if total != 1 else "story"
            print(f"crossread: aligning {total} {noun} for {self.label} (once; cached)", file=self.stream, flush=True)
            if self.stream.isatty():
                from rich.progress import (  # only a terminal shows the bar: other commands never load it
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TextColumn,
                    TimeElapsedColumn,
                    TimeRemainingColumn,
                )

                self._bar = Progress(
                    TextColumn("  aligned"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TextColumn("stories ·"),
                    TimeElapsedColumn(),
                    TextColumn("· about"),
                    TimeRemainingColumn(),
                    TextColumn("left"),
                    console=Console(file=self.stream),
                    transient=True,
                )
                self._bar.start()
                self._task = self._bar.add_task("aligning", total=total)
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=done, total=total)

    def finish(self) -> None:
        """Take the bar away (after the work, or when it was interrupted)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def facets_text(facets: dict[str, int], total: int, shown: int) -> Text:
    """``sources: Kyiv Independent 4 · unknown 3`` over every match, and how many of them are shown."""
    text = Text("sources: ", style="bold")
    for n, (source, count) in enumerate(facets.items()):
        if n:
            text.append(" · ", style="dim")
        text.append(printable(source, keep_newlines=False))
        text.append(f" {count}")
    text.append(f"  ({total} passage{'s' if total != 1 else ''}, {shown} shown)", style="dim")
    return text


def snippet_text(snippet: str, highlights: list[tuple[int, int]]) -> Text:
    """The snippet as Rich text with its matches styled; control characters made visible."""
    text = Text("  " + printable(snippet, keep_newlines=False))
    for start, end in highlights:
        text.stylize("bold reverse", start + 2, end + 2)
    return text


def cmd_align(args: argparse.Namespace, config: Config) -> int:
    from . import align_cli

    align_cli.check_two_articles(args.a, args.b)  # refused before any loading or indexing work
    library = open_library(config)
    return align_cli.run_align(library.corpus, args.a, args.b, args.json, sys.stdout, _align_cache(config))


def cmd_collate(args: argparse.Namespace, config: Config) -> int:
    from . import align_cli

    library = open_library(config)
    return align_cli.run_collate(library.corpus, args.story, args.json, sys.stdout, _align_cache(config))


def cmd_discrepancies(args: argparse.Namespace, config: Config) -> int:
    from . import factcheck_cli

    library = open_library(config)
    return factcheck_cli.run_discrepancies(
        library.corpus, args.story, args.json, sys.stdout, _align_cache(config), conflicts_only=args.conflicts
    )


def cmd_serve(args: argparse.Namespace, config: Config) -> int:
    from tui import serve  # the web server is part of the app side: imported only when it serves

    return serve.serve(config, args.port)


def _align_cache(config: Config) -> Path:
    return config.derived_cache("align")


_UNLIMITED_WIDTH = 1_000_000
"""Console width for output that is not a terminal: wide enough that no cell is ever cut."""


def _console(width: int | None = None) -> Console:
    return Console(highlight=False, markup=False, emoji=False, soft_wrap=True, width=width)


def _print_json(payload: object) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


_HANDLERS: dict[str, Callable[[argparse.Namespace, Config], int]] = {
    "app": cmd_app,
    "index": cmd_index,
    "list": cmd_list,
    "search": cmd_search,
    "align": cmd_align,
    "collate": cmd_collate,
    "annotate": annotate_cli.cmd_annotate,
    "annotations": annotate_cli.cmd_annotations,
    "open": annotate_cli.cmd_open,
    "export": annotate_cli.cmd_export,
    "discrepancies": cmd_discrepancies,
    "serve": cmd_serve,
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
