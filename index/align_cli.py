"""``crossread align`` and ``crossread collate``: the alignment engine on the command line.

Article text is untrusted: it only ever enters ``rich.text.Text`` as plain text, after control
characters are made visible, never as markup.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from index.align import ArticleLike
from index.align_cache import cached_align_corpus
from index.collate import Alignment
from index.errors import ArticleNotFound, CrossreadError
from index.stories import Story, corpus_stories
from index.textsafe import printable

JSON_VERSION = 1
"""Version of the JSON output described in index/ALIGN_JSON.md."""
_KIND_STYLE = {"quote": "bold green", "paraphrase": "cyan", "partial": "yellow"}
_OP_STYLE = {"insert": "green", "delete": "red strike", "replace": "magenta"}


class CorpusLike(Protocol):
    """What the commands need of a corpus."""

    @property
    def articles(self) -> Sequence[ArticleLike]: ...

    def get(self, article_id: str) -> ArticleLike | None: ...


def _article(corpus: CorpusLike, article_id: str) -> ArticleLike:
    article = corpus.get(article_id)
    if article is None:
        raise ArticleNotFound(f"no article with id {article_id!r} in the corpus; run `crossread list` to see the ids")
    return article


def _safe(text: str) -> str:
    return printable(text, keep_newlines=False)


def _source(article: ArticleLike) -> str:
    return str(getattr(article, "source", None) or "unknown")


def check_two_articles(a_id: str, b_id: str) -> None:
    """Refuse to align an article with itself: every sentence would "link" to its own copy.

    Raises:
        CrossreadError: ``a_id`` and ``b_id`` are the same.
    """
    if a_id == b_id:
        raise CrossreadError(
            f"cannot align {_safe(a_id)!r} with itself: align links the passages of two different articles; "
            "give a second article id (see `crossread list`)"
        )


def run_align(corpus: CorpusLike, a_id: str, b_id: str, as_json: bool, out: TextIO, cache_dir: Path | None) -> int:
    """Show the linked passages of two articles side by side (or as JSON); returns the exit code."""
    check_two_articles(a_id, b_id)
    article_a, article_b = _article(corpus, a_id), _article(corpus, b_id)
    alignment = cached_align_corpus([article_a, article_b], cache_dir)
    links = []
    for link in alignment.links:
        a_span, b_span = (link.a_span, link.b_span) if link.a_id == a_id else (link.b_span, link.a_span)
        links.append((a_span, b_span, link.score, link.kind))
    links.sort()
    if as_json:
        data = {
            "version": JSON_VERSION,
            "a": {"id": a_id, "source": _source(article_a)},
            "b": {"id": b_id, "source": _source(article_b)},
            "links": [
                {
                    "a_span": list(a_span),
                    "b_span": list(b_span),
                    "score": score,
                    "kind": kind,
                    "a_text": article_a.text[a_span[0]:a_span[1]],
                    "b_text": article_b.text[b_span[0]:b_span[1]],
                }
                for a_span, b_span, score, kind in links
            ],
        }
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    console = Console(file=out, highlight=False, soft_wrap=False)
    table = Table(title=Text(f"{len(links)} linked passages"), show_lines=True, expand=True)
    table.add_column(Text(_safe(f"{a_id} ({_source(article_a)})")), ratio=1)
    table.add_column(Text("kind"), no_wrap=True)
    table.add_column(Text(_safe(f"{b_id} ({_source(article_b)})")), ratio=1)
    for a_span, b_span, score, kind in links:
        table.add_row(
            Text(_safe(article_a.text[a_span[0]:a_span[1]])),
            Text(f"{kind}\n{score:.2f}", style=_KIND_STYLE.get(kind, "")),
            Text(_safe(article_b.text[b_span[0]:b_span[1]])),
        )
    console.print(table)
    return 0


def _stories(corpus: CorpusLike, story_id: str | None, cache_dir: Path | None) -> list[Story]:
    stories_cache = cache_dir.parent / "stories" if cache_dir is not None else None
    stories = [story for story in corpus_stories(list(corpus.articles), stories_cache) if len(story.article_ids) > 1]
    if story_id is None:
        return stories
    chosen = [story for story in stories if story.id == story_id]
    if not chosen:
        known = ", ".join(story.id for story in stories[:5]) or "none"
        raise CrossreadError(f"no story {story_id!r} in this corpus (stories: {known}); run `crossread collate --json` to list them")
    return chosen


def story_payload(story: Story, alignment: Alignment, articles: dict[str, ArticleLike]) -> dict[str, Any]:
    """The JSON form of one collated story (see index/ALIGN_JSON.md)."""
    def passage(article_id: str, span: tuple[int, int]) -> dict[str, Any]:
        return {"article": article_id, "span": list(span), "text": articles[article_id].text[span[0]:span[1]]}

    return {
        "id": story.id,
        "articles": [{"id": i, "source": _source(articles[i])} for i in alignment.article_ids],
        "groups": [
            {
                "id": group.id,
                "kind": group.kind,
                "score": group.score,
                "members": [passage(a, s) for a, spans in group.members.items() for s in spans],
            }
            for group in alignment.groups
        ],
        "coverage": alignment.coverage,
        "only_in": {a: [passage(a, s) for s in spans] for a, spans in alignment.only_in.items()},
        "quote_variants": [
            {
                "group": variant.group_id,
                "reference": variant.reference_article,
                "versions": [
                    {
                        **passage(version.article_id, version.span),
                        "rewritten": version.rewritten,
                        "ops": [{"op": op, "ref": a, "this": b} for op, a, b in version.ops],
                    }
                    for version in variant.versions
                ],
            }
            for variant in alignment.quote_variants
        ],
        "links": [
            {"a": link.a_id, "a_span": list(link.a_span), "b": link.b_id, "b_span": list(link.b_span), "score": link.score, "kind": link.kind}
            for link in alignment.links
        ],
    }


def run_collate(corpus: CorpusLike, story_id: str | None, as_json: bool, out: TextIO, cache_dir: Path | None) -> int:
    """Show claims, coverage, passages only one source has, and quote variants, per story."""
    articles = {article.id: article for article in corpus.articles}
    payloads = []
    for story in _stories(corpus, story_id, cache_dir):
        alignment = cached_align_corpus([articles[i] for i in story.article_ids], cache_dir)
        payloads.append(story_payload(story, alignment, articles))
    if as_json:
        json.dump({"version": JSON_VERSION, "stories": payloads}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    console = Console(file=out, highlight=False, soft_wrap=False)
    if not payloads:
        console.print(Text("No story has more than one article; nothing to collate."))
    for payload in payloads:
        _print_story(console, payload)
    return 0


def _print_story(console: Console, payload: dict[str, Any]) -> None:
    article_ids = [a["id"] for a in payload["articles"]]
    console.print(Text(f"Story {payload['id']}: {len(article_ids)} articles", style="bold"))
    for number, article in enumerate(payload["articles"], 1):
        console.print(Text(_safe(f"  [{number}] {article['id']} ({article['source']})")))
    matrix = Table(title=Text("Coverage (claims x articles)"), expand=True)
    matrix.add_column(Text("claim"), no_wrap=True, min_width=4)
    matrix.add_column(Text("kind"), no_wrap=True, min_width=10)
    for number in range(1, len(article_ids) + 1):
        matrix.add_column(Text(str(number)), no_wrap=True, justify="center", min_width=2)
    matrix.add_column(Text("first passage"), ratio=1, min_width=20)
    marks = {"full": ("●", "green"), "partial": ("◐", "yellow"), "absent": ("·", "dim")}
    for group in payload["groups"]:
        row = payload["coverage"][group["id"]]
        cells = [Text(marks[row[a]][0], style=marks[row[a]][1]) for a in article_ids]
        first = group["members"][0]["text"]
        matrix.add_row(Text(group["id"]), Text(group["kind"], style=_KIND_STYLE.get(group["kind"], "")), *cells, Text(_safe(first[:120])))
    console.print(matrix)
    for article_id in article_ids:
        only = payload["only_in"][article_id]
        console.print(Text(_safe(f"Only in {article_id} ({len(only)} passages):"), style="bold"))
        for passage in only:
            console.print(Text("  • " + _safe(passage["text"])))
    for variant in payload["quote_variants"]:
        console.print(Text(f"Quote variants of {variant['group']} (against {_safe(variant['reference'])}):", style="bold"))
        for version in variant["versions"]:
            line = Text(_safe(version["article"]) + ": ", style="bold")
            if version["rewritten"]:
                line.append(_safe(version["text"]))
                line.append("  (rewritten)", style="italic")
            else:
                for op in version["ops"]:
                    if op["op"] == "equal":
                        line.append(_safe(op["this"]) + " ")
                    elif op["op"] == "delete":
                        line.append("[-" + _safe(op["ref"]) + "] ", style=_OP_STYLE["delete"])
                    else:
                        line.append("{" + _safe(op["this"]) + "} ", style=_OP_STYLE[op["op"]])
            console.print(line)
    console.print()
