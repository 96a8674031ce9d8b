"""``crossread discrepancies``: conflicting figures and diverging attributions, per story.

Article text is untrusted: it only ever enters ``rich.text.Text`` as plain text, after control
characters are made visible, never as markup.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from index.align_cli import CorpusLike, _source, _stories
from index.factcheck import FactCheck, Flag, cached_check_story
from index.textsafe import excerpt, printable

JSON_VERSION = 1
"""Version of the ``discrepancies --json`` output; fields are only ever added."""
_STATUS_STYLE = {"conflict": "bold red", "not-conflict": "dim"}


EXCERPT_CHARS = 300
"""Most characters of a passage printed under a flag; a longer one is cut around what was compared."""


def _safe(text: str) -> str:
    return printable(text, keep_newlines=False)


def flag_payload(flag: Flag, texts: dict[str, str]) -> dict[str, Any]:
    """The JSON form of one flag: the stored fields plus each passage's text."""
    data = flag.to_dict()
    for side in data["sides"]:
        start, end = side["span"]
        side["text"] = texts[side["article"]][start:end]
    return data


def story_payload(story_id: str, check: FactCheck, articles: dict[str, Any], include_all: bool = True) -> dict[str, Any]:
    """The JSON form of one story's fact check."""
    texts = {article_id: articles[article_id].text for article_id in check.article_ids}
    disagreements = check.disagreements()
    # conflicts gathered by disagreement (the engine's order within each), then the look-alikes
    conflicts = [flag for group in disagreements for flag in group]
    flags = conflicts + ([flag for flag in check.flags if flag.status != "conflict"] if include_all else [])
    by_passage = [
        {"article": article_id, "span": list(span), "flags": ids}
        for (article_id, span), ids in sorted(check.by_passage().items())
    ]
    return {
        "id": story_id,
        "articles": [{"id": i, "source": _source(articles[i])} for i in check.article_ids],
        "conflicts": len(check.conflicts),
        "disagreements": [
            {"flags": [flag.id for flag in group], "given": [{"article": a, "text": t} for a, t in FactCheck.given(group)]}
            for group in disagreements
        ],
        "look_alikes": len(check.flags) - len(check.conflicts),
        "flags": [flag_payload(flag, texts) for flag in flags],
        "passages": by_passage,
    }


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def run_discrepancies(
    corpus: CorpusLike, story_id: str | None, as_json: bool, out: TextIO, cache_dir: Path | None, *, conflicts_only: bool = False
) -> int:
    """Print each story's conflicting figures and attributions (and why look-alikes are not flagged).

    Args:
        corpus: The loaded corpus.
        story_id: One story (see ``crossread collate --json``), or ``None`` for every story.
        as_json: Print JSON (see README, "Fact check") instead of text.
        out: Where to print.
        cache_dir: The alignment cache folder; flags are cached in its ``factcheck`` subfolder.
        conflicts_only: Leave the look-alikes out (a story's count of them is still printed).

    Returns:
        The exit code: 0.
    """
    articles = {article.id: article for article in corpus.articles}
    payloads = []
    for story in _stories(corpus, story_id, cache_dir):
        check = cached_check_story([articles[i] for i in story.article_ids], cache_dir)
        payloads.append(story_payload(story.id, check, articles, include_all=not conflicts_only))
    if as_json:
        json.dump({"version": JSON_VERSION, "stories": payloads}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    console = Console(file=out, highlight=False, soft_wrap=False, markup=False, emoji=False)
    # A pipe or file gets every line whole (ids never split, for grep and scripts); a terminal wraps at its width.
    console.soft_wrap = not console.is_terminal
    if not corpus.articles:
        console.print(Text(f"No articles in {_safe(str(getattr(corpus, 'root', 'the corpus')))}; nothing to compare."))
    elif not payloads:
        console.print(Text("No story has more than one article; nothing to compare."))
    for payload in payloads:
        _print_story(console, payload)
    return 0


def _print_story(console: Console, payload: dict[str, Any]) -> None:
    sources = {a["id"]: a["source"] for a in payload["articles"]}
    looks = payload["look_alikes"]
    gathered = f" ({_count(len(payload['disagreements']), 'disagreement')})" if len(payload["disagreements"]) < payload["conflicts"] else ""
    console.print(Text(f"Story {payload['id']}: {_count(payload['conflicts'], 'conflict')}{gathered}, "
                       f"{_count(looks, 'look-alike')} not flagged", style="bold"))
    starts = {group["flags"][0]: group for group in payload["disagreements"] if len(group["flags"]) > 1}
    for flag in payload["flags"]:
        if flag["id"] in starts:
            group = starts[flag["id"]]
            values = " · ".join(f"{given['text']!r} ({sources.get(given['article'], 'unknown')})" for given in group["given"])
            console.print(Text(_safe(f"DISAGREEMENT, {_count(len(group['flags']), 'conflict')}: {values}"), style="bold red"))
        heading = Text()
        heading.append("CONFLICT " if flag["status"] == "conflict" else "not flagged ", style=_STATUS_STYLE[flag["status"]])
        heading.append(f"{flag['id']} {flag['kind']} ({flag['code']}, {flag['relation']})", style="bold" if flag["status"] == "conflict" else "dim")
        console.print(heading)
        console.print(Text("  " + _safe(flag["reason"])))
        for side in flag["sides"]:
            label = _safe(f"  {side['article']} ({sources.get(side['article'], 'unknown')}) [{side['span'][0]}:{side['span'][1]}]: ")
            line = Text(label, style="cyan")
            start = side["span"][0]
            focus = side["quantity"]["span"] if side.get("quantity") else (start, start)
            line.append(excerpt(side["text"], (focus[0] - start, focus[1] - start), EXCERPT_CHARS)[0])  # made visible there
            console.print(line)
    console.print()
