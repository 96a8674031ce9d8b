"""``crossread annotate``, ``annotations``, ``open`` and ``export``: the annotation engine on the command line.

Annotations, notes and article text are untrusted: on the terminal they only enter
``rich.text.Text`` after ``printable()``, never as markup; JSON keeps them exact.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from .cli_types import iso_date, positive_int, report_load_problems
from .annotations import AnnotationError, Notebook, PlacedAnnotation, is_annotation_id
from .article import Article
from .config import Config
from .corpus import Corpus, check_corpus_root, load_corpus
from .errors import ArticleNotFound, CrossreadError
from .textsafe import one_line, printable

_STATUS_STYLE = {"exact": "green", "moved": "cyan", "fuzzy": "yellow", "orphan": "bold red"}


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """The four subcommands and their options (``cli.build_parser`` calls this)."""
    annotate = commands.add_parser(
        "annotate",
        parents=[common],
        help="save a note on a passage of an article",
        description="Save a note on the passage of ARTICLE that reads TEXT; prints the new annotation's id.",
    )
    annotate.add_argument("article", metavar="ARTICLE", help="article id (see `crossread list`)")
    annotate.add_argument("--quote", required=True, metavar="TEXT", help="the passage, exactly as in the article (spacing may differ)")
    annotate.add_argument("--note", default="", metavar="TEXT", help="the note (Markdown)")
    annotate.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag; repeat for several")
    annotate.add_argument("--occurrence", type=positive_int, metavar="N", help="which occurrence, when the quote occurs more than once")
    annotate.add_argument("--json", action="store_true", help="print the annotation as a JSON object instead of its id")

    listing = commands.add_parser(
        "annotations",
        parents=[common],
        help="list the annotations of the corpus, re-anchored in the current text",
        description="List annotations with their status: exact, moved, fuzzy (the text changed) or orphan (passage gone).",
    )
    listing.add_argument("--article", metavar="ID", help="only this article's annotations")
    listing.add_argument("--tag", metavar="TAG", help="only annotations with this tag")
    listing.add_argument("--json", action="store_true", help="print a JSON list of objects")

    opening = commands.add_parser(
        "open",
        parents=[common],
        help="open the app at an annotation or a passage",
        description="ID is an annotation id (a-0123456789) or ARTICLE@OFFSET (a character offset into the article).",
    )
    opening.add_argument("target", metavar="ID", help="annotation id or ARTICLE@OFFSET")
    opening.add_argument("--print", action="store_true", dest="print_only", help="print the passage instead of opening the app")

    export = commands.add_parser(
        "export",
        parents=[common],
        help="export annotations to Markdown, with what other outlets reported in their place",
        description=(
            "Write annotations as CommonMark with YAML front matter, grouped by story and source, each with its "
            "note, tags, a link to the exact place and 'Also reported by' from the alignment engine. "
            "Without --out the document goes to standard output."
        ),
    )
    export.add_argument("--out", type=Path, metavar="FILE|DIR", help="write this file (replaced atomically), or a file named from the title in this folder")
    export.add_argument("--article", metavar="ID", help="only this article's annotations")
    export.add_argument("--tag", metavar="TAG", help="only annotations with this tag")
    export.add_argument("--story", metavar="ID", help="only this story's annotations (see `crossread collate --json`)")
    export.add_argument("--title", metavar="TEXT", help="document title (default: from the story, article or corpus)")
    export.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="export date in the front matter (default: today)")
    export.add_argument("--no-counterparts", action="store_true", help="leave out 'Also reported by' (no alignment work)")




# -- shared ---------------------------------------------------------------------------------------


def load_notebook(config: Config) -> Notebook:
    """The corpus (no search index needed) with its annotations; load problems and backups on stderr."""
    corpus = load_corpus(check_corpus_root(config.corpus), max_file_mb=config.max_file_mb)
    report_load_problems(corpus.problems, corpus.articles)
    notebook = Notebook.open(config, corpus)
    for backup in notebook.store.corrupt_backups():
        print(
            f"crossread: note: a damaged annotations database is kept at {backup}; "
            f"recover with `sqlite3 {backup} .recover`, then remove it to silence this note",
            file=sys.stderr,
        )
    return notebook


def annotation_json(placed: PlacedAnnotation) -> dict[str, Any]:
    """The JSON object of one annotation (documented in README, "Annotations and export")."""
    annotation, article, anchor = placed.annotation, placed.article, placed.anchor
    line = column = None
    if article is not None and anchor.found:
        line, column = article.line_column(anchor.start)
    return {
        "id": annotation.id,
        "article": article.id if article is not None else annotation.article,
        "source": article.source if article is not None else None,
        "title": article.display_title if article is not None else None,
        "path": article.path if article is not None else annotation.path,
        "line": line,
        "column": column,
        "start": anchor.start if anchor.found else None,
        "end": anchor.end if anchor.found else None,
        "status": anchor.status,
        "score": anchor.score,
        "quote": annotation.quote,
        "text": placed.text,
        "note": annotation.note,
        "tags": list(annotation.tags),
        "created": annotation.created,
        "updated": annotation.updated,
    }


def _console() -> Console:
    return Console(highlight=False, markup=False, emoji=False, soft_wrap=True)


def _print_json(payload: object) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# -- subcommands ----------------------------------------------------------------------------------


def cmd_annotate(args: argparse.Namespace, config: Config) -> int:
    if not args.quote.strip():
        raise CrossreadError(
            "--quote is empty: an annotation needs the passage it is on; "
            "give its words as they read in the article, e.g. --quote \"agreed not to fire\""
        )
    notebook = load_notebook(config)
    placed = notebook.annotate_quote(args.article, args.quote, occurrence=args.occurrence, note=args.note, tags=args.tag)
    if args.json:
        _print_json(annotation_json(placed))
    else:
        print(placed.id)
    return 0


def cmd_annotations(args: argparse.Namespace, config: Config) -> int:
    notebook = load_notebook(config)
    placed = notebook.placed(article=args.article, tag=args.tag)
    if args.json:
        _print_json([annotation_json(p) for p in placed])
        return 0
    if not placed:
        print(f"crossread: no annotations for {notebook.corpus.root}; add one with `crossread annotate`", file=sys.stderr)
        return 0
    console = _console()
    for item in placed:
        data = annotation_json(item)
        where = f"{data['path']}:{data['line']}:{data['column']}" if data["line"] else f"{data['path']} (passage not found)"
        heading = Text()
        heading.append(item.id, style="bold")
        heading.append("  ")
        heading.append(item.status, style=_STATUS_STYLE.get(item.status, ""))
        heading.append("  ")
        heading.append(one_line(data["source"] or "article missing", 60))
        heading.append("  ")
        heading.append(one_line(where, 300), style="dim")
        if item.annotation.tags:
            heading.append("  " + one_line(" ".join("#" + t for t in item.annotation.tags), 200))
        console.print(heading)
        passage = data["text"] if data["text"] is not None else f"(saved quote) {data['quote']}"
        console.print(Text("  " + one_line(passage, 200)))
        if item.annotation.note.strip():
            console.print(Text("  note: " + one_line(item.annotation.note, 200), style="italic"))
    orphans = sum(1 for p in placed if not p.anchor.found)
    if orphans:
        print(f"crossread: {orphans} orphaned annotation(s): their passage is no longer in the article (saved quote shown)", file=sys.stderr)
    return 0


def cmd_open(args: argparse.Namespace, config: Config) -> int:
    notebook = load_notebook(config)
    target = args.target
    placed: PlacedAnnotation | None = None
    if is_annotation_id(target):
        placed = notebook.get(target)
        if placed.article is None or not placed.anchor.found:
            raise AnnotationError(
                f"annotation {target} is an orphan: its passage is no longer in {placed.annotation.article}; "
                f"saved quote: {one_line(placed.annotation.quote, 120)!r}"
            )
        article, start, end = placed.article, placed.anchor.start, placed.anchor.end
    else:
        article_id, at, offset_text = target.rpartition("@")
        if not at or not offset_text.isdigit():
            raise CrossreadError(f"{target!r} is neither an annotation id (a-0123456789) nor ARTICLE@OFFSET; see `crossread annotations`")
        article = notebook.corpus.get(article_id)
        if article is None:
            raise ArticleNotFound(f"no article with id {article_id!r} in {notebook.corpus.root}; run `crossread list` to see the ids")
        start = int(offset_text)
        if start > len(article.text):
            raise CrossreadError(f"offset {start} is past the end of {article_id} ({len(article.text)} characters)")
        paragraph = article.paragraph_at(start)
        end = paragraph.end if paragraph is not None and paragraph.end > start else len(article.text)
    if args.print_only:
        _print_passage(notebook.corpus, article, start, end, placed)
        return 0
    from tui.app import run_app  # deferred like `crossread app`: the engine commands never load Textual

    if "start_at" in inspect.signature(run_app).parameters:
        return int(run_app(config, start_at=(article.id, start)))  # type: ignore[call-arg]
    print("crossread: this version of the app cannot jump to a passage yet; opening it at the start", file=sys.stderr)
    return int(run_app(config))


def _print_passage(corpus: Corpus, article: Article, start: int, end: int, placed: PlacedAnnotation | None) -> None:
    """Source and title, ``path:line:column`` of ``start``, then the passage (an annotation's) or its paragraph."""
    line, column = article.line_column(start)
    if placed is None:
        paragraph = article.paragraph_at(start)
        if paragraph is not None and paragraph.start <= start:
            start = paragraph.start
    console = _console()
    heading = Text()
    heading.append(one_line(article.source, 60), style="bold")
    heading.append("  ")
    heading.append(one_line(article.display_title, 200))
    console.print(heading)
    location = Text(f"{one_line(str(corpus.root / article.path), 400)}:{line}:{column}", style="dim")
    if placed is not None:
        location.append(f"  {placed.id} ({placed.status})", style=_STATUS_STYLE.get(placed.status, ""))
    console.print(location)
    console.print(Text(printable(article.text[start:end].strip())))
    if placed is not None and placed.annotation.note:
        console.print(Text("note: " + printable(placed.annotation.note)))
    if placed is not None and placed.annotation.tags:
        console.print(Text("tags: " + printable(" ".join("#" + t for t in placed.annotation.tags), keep_newlines=False)))


def cmd_export(args: argparse.Namespace, config: Config) -> int:
    from .align_cache import cached_align_corpus
    from .export import build_export, output_path, write_atomically

    notebook = load_notebook(config)
    placed = notebook.placed(article=args.article, tag=args.tag)
    cache = config.cache_root.parent / "align"
    export = build_export(
        placed,
        notebook.corpus,
        exported=args.date or date.today(),
        align=None if args.no_counterparts else (lambda articles: cached_align_corpus(articles, cache)),
        story_id=args.story,
        title=args.title,
    )
    if not export.entries:
        print("crossread: no annotations match; nothing written", file=sys.stderr)
        return 1
    if args.out is None:
        sys.stdout.write(export.markdown)
        return 0
    path = output_path(args.out, export.title)
    write_atomically(path, export.markdown)
    orphans = sum(1 for e in export.entries if not e.placed.anchor.found)
    note = f" ({orphans} orphaned, listed at the end)" if orphans else ""
    print(f"crossread: wrote {export.count} annotations{note} to {path}", file=sys.stderr)
    return 0


__all__ = ["add_commands", "annotation_json", "cmd_annotate", "cmd_annotations", "cmd_export", "cmd_open", "load_notebook"]
