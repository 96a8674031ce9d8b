"""Export annotations to CommonMark, each passage with what the other outlets said in its place.

The document is built for notes apps and version control:

- YAML front matter (title, export date, corpus, sources, stories, count), then one section per
  story, one per source within it, one per article within that, annotations in reading order;
  orphans (passage no longer found) last, with their saved quote. Nothing is dropped.
- Each annotation is one blockquote: a header line (source, ``path:line:column`` linked to the
  file, the ``crossread open`` command), the passage, the note, the tags and "Also reported by"
  (the aligned passages of the other articles of the story, from the alignment engine). An HTML
  anchor ``<a id="a-…">`` and an Obsidian block id ``^a-…`` make the annotation linkable; both
  are its stable annotation id.
- Deterministic: the same annotations, corpus and export date give the same bytes.
- Untrusted text cannot break the structure: article text is escaped as literal text; a note keeps
  its Markdown but every line stays inside the blockquote, headings and rules (``#``, ``---``,
  setext underlines) are escaped, raw HTML is shown as text, and an unclosed code fence is closed.
  Control characters are made visible, as on the terminal.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .annotations import PlacedAnnotation
from .errors import CrossreadError
from .textsafe import visible

if TYPE_CHECKING:
    from .article import Article
    from .collate import Alignment
    from .corpus import Corpus
    from .stories import Story

DEFAULT_FILENAME_CHARS = 80
"""Longest file name stem made from a title (well under every OS's 255-byte limit)."""
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{n}" for n in range(10)] + [f"lpt{n}" for n in range(10)]
)
_KIND_ORDER = {"quote": 0, "paraphrase": 1, "partial": 2}
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")
"""Characters that could start emphasis, code, a link, HTML, an entity, a table cell or math."""
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d{1,9}[.)])")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")
_RULE_OR_UNDERLINE = re.compile(r"^ {0,3}([-=*_+])[ \t]*(?:[-=*_+][ \t]*)*$")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]*>")


class ExportError(CrossreadError):
    title = "Export error"


@dataclass(frozen=True, slots=True)
class Counterpart:
    """A passage of another article of the story that the alignment engine links to an annotation."""

    article: Article
    start: int
    end: int
    kind: str
    score: float

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]


@dataclass
class ExportEntry:
    """One annotation as exported: where it sits in the document and its counterparts."""

    placed: PlacedAnnotation
    story: Story | None
    counterparts: list[Counterpart] = field(default_factory=list)


@dataclass
class Export:
    """A rendered export: its title, the Markdown, and what went into it."""

    title: str
    markdown: str
    entries: list[ExportEntry]

    @property
    def count(self) -> int:
        return len(self.entries)


AlignStory = Callable[[Sequence["Article"]], "Alignment"]
"""Aligns the articles of one story (``cached_align_corpus`` with a cache folder, in practice)."""


def build_export(
    placed: Sequence[PlacedAnnotation],
    corpus: Corpus,
    *,
    exported: date,
    align: AlignStory | None,
    story_id: str | None = None,
    title: str | None = None,
    stories: Sequence[Story] | None = None,
) -> Export:
    """Group, order and render annotations as one Markdown document.

    Args:
        placed: the annotations to export, placed in the current text (orphans included).
        corpus: the corpus they belong to.
        exported: the date written in the front matter (the only thing that varies between days).
        align: aligns a story's articles; None leaves out "Also reported by".
        story_id: keep only the annotations of this story.
        title: the document title; by default derived from the story, article or corpus.
        stories: the corpus's stories, if already grouped (``group_stories``).

    Raises:
        ExportError: ``story_id`` names no story of the corpus.
    """
    if stories is None:
        from .stories import group_stories

        stories = group_stories(corpus.articles) if corpus.articles else []
    story_of = {article_id: story for story in stories for article_id in story.article_ids}
    if story_id is not None:
        if not any(story.id == story_id for story in stories):
            known = ", ".join([s.id for s in stories if len(s.article_ids) > 1][:5]) or "none"
            raise ExportError(f"no story {story_id!r} in {corpus.root} (stories: {known}); run `crossread collate --json` to list them")
        placed = [p for p in placed if p.article is not None and story_of[p.article.id].id == story_id]
    order = {article.id: number for number, article in enumerate(corpus.articles)}
    entries = [ExportEntry(p, story_of.get(p.article.id) if p.article is not None else None) for p in placed]
    if align is not None:
        _add_counterparts(entries, corpus, align)
    entries.sort(key=lambda e: _entry_key(e, order))
    if title is None:
        title = _default_title(entries, corpus, story_id)
    return Export(title, render_markdown(entries, corpus, title=title, exported=exported), entries)


def _entry_key(entry: ExportEntry, order: dict[str, int]) -> tuple[object, ...]:
    placed = entry.placed
    if placed.article is None or not placed.anchor.found:
        return (1, 0, "", 0, placed.annotation.article, placed.annotation.selector.start, placed.id)
    story_first = min(order.get(i, 0) for i in entry.story.article_ids) if entry.story else order[placed.article.id]
    return (0, story_first, placed.article.source, order.get(placed.article.id, 0), "", placed.anchor.start, placed.id)


def _add_counterparts(entries: list[ExportEntry], corpus: Corpus, align: AlignStory) -> None:
    """Fill each entry's counterparts from its story's alignment (one alignment per story)."""
    by_story: dict[str, list[ExportEntry]] = {}
    for entry in entries:
        if entry.story is not None and len(entry.story.article_ids) > 1 and entry.placed.anchor.found:
            by_story.setdefault(entry.story.id, []).append(entry)
    for story_entries in by_story.values():
        story = story_entries[0].story
        assert story is not None
        articles = [a for a in (corpus.get(i) for i in story.article_ids) if a is not None]
        alignment = align(articles)
        by_id = {a.id: a for a in articles}
        for entry in story_entries:
            article = entry.placed.article
            assert article is not None
            entry.counterparts = counterparts(alignment, article.id, entry.placed.anchor.start, entry.placed.anchor.end, by_id)


def counterparts(alignment: Alignment, article_id: str, start: int, end: int, articles: dict[str, Article]) -> list[Counterpart]:
    """Passages of other articles linked to any passage overlapping ``[start, end)`` of ``article_id``.

    One counterpart per passage (the strongest link wins); of each other article only the passages
    with its strongest kind of link are kept (a quote hides the partial links around it). Ordered by
    source, article and position.
    """
    best: dict[tuple[str, int, int], Counterpart] = {}
    for link in alignment.links:
        for here_id, here, there_id, there in ((link.a_id, link.a_span, link.b_id, link.b_span), (link.b_id, link.b_span, link.a_id, link.a_span)):
            if here_id != article_id or there_id == article_id or not (here[0] < end and start < here[1]):
                continue
            other = articles.get(there_id)
            if other is None:
                continue
            key = (there_id, there[0], there[1])
            found = Counterpart(other, there[0], there[1], link.kind, link.score)
            current = best.get(key)
            if current is None or (_KIND_ORDER.get(found.kind, 9), -found.score) < (_KIND_ORDER.get(current.kind, 9), -current.score):
                best[key] = found
    strongest: dict[str, int] = {}
    for found in best.values():
        rank = _KIND_ORDER.get(found.kind, 9)
        strongest[found.article.id] = min(rank, strongest.get(found.article.id, rank))
    kept = [c for c in best.values() if _KIND_ORDER.get(c.kind, 9) == strongest[c.article.id]]
    return sorted(kept, key=lambda c: (c.article.source, c.article.id, c.start, c.end))


def _default_title(entries: list[ExportEntry], corpus: Corpus, story_id: str | None) -> str:
    articles = {e.placed.article.id: e.placed.article for e in entries if e.placed.article is not None}
    if story_id is not None and entries and entries[0].placed.article is not None:
        return f"Annotations: {entries[0].placed.article.display_title}"
    if len(articles) == 1:
        return f"Annotations: {next(iter(articles.values())).display_title}"
    return f"Annotations: {corpus.root.name}"


# -- rendering --------------------------------------------------------------------------------


def render_markdown(entries: Sequence[ExportEntry], corpus: Corpus, *, title: str, exported: date) -> str:
    """The whole document; ``entries`` must already be in document order."""
    placed_entries = [e for e in entries if e.placed.article is not None and e.placed.anchor.found]
    orphans = [e for e in entries if e.placed.article is None or not e.placed.anchor.found]
    sources = sorted({e.placed.article.source for e in placed_entries if e.placed.article is not None})
    story_ids = list(dict.fromkeys(e.story.id for e in placed_entries if e.story is not None))
    lines = [
        "---",
        f"title: {_yaml_string(title)}",
        f"exported: {exported.isoformat()}",
        "generator: crossread",
        f"corpus: {_yaml_string(str(corpus.root))}",
        f"annotations: {len(entries)}",
        f"orphans: {len(orphans)}",
        "sources:" + ("" if sources else " []"),
        *[f"  - {_yaml_string(source)}" for source in sources],
        "stories:" + ("" if story_ids else " []"),
        *[f"  - {_yaml_string(story_id)}" for story_id in story_ids],
        "---",
        "",
        f"# {inline(title)}",
        "",
    ]
    if not entries:
        lines += ["No annotations.", ""]
    story, source, article = object(), object(), object()
    for entry in placed_entries:
        placed = entry.placed
        assert placed.article is not None
        if entry.story is not story:
            story, source, article = entry.story, object(), object()
            lines += _story_heading(entry, corpus)
        if placed.article.source != source:
            source, article = placed.article.source, object()
            lines += [f"### {inline(placed.article.source)}", ""]
        if placed.article is not article:
            article = placed.article
            lines += [f"#### {inline(placed.article.display_title)}", "", f"`{_code(placed.article.path)}` · article `{_code(placed.article.id)}`", ""]
        lines += annotation_block(entry, corpus)
    if orphans:
        lines += [
            "## Orphaned annotations",
            "",
            "Their passage is no longer in the article (deleted or rewritten beyond recognition); the saved quote is shown.",
            "",
        ]
        for entry in orphans:
            lines += annotation_block(entry, corpus)
    return "\n".join(lines).rstrip("\n") + "\n"


def _story_heading(entry: ExportEntry, corpus: Corpus) -> list[str]:
    story = entry.story
    if story is None:
        return ["## Unrelated articles", ""]
    first = corpus.get(story.article_ids[0])
    name = first.display_title if first is not None else story.id
    count = len(story.article_ids)
    return [f"## {inline(name)}", "", f"Story `{_code(story.id)}` · {count} article{'s' if count != 1 else ''}", ""]


def annotation_block(entry: ExportEntry, corpus: Corpus) -> list[str]:
    """One annotation as a blockquote, followed by its block id line."""
    placed = entry.placed
    annotation = placed.annotation
    article = placed.article
    body: list[str] = []
    if article is not None and placed.anchor.found:
        line, column = article.line_column(placed.anchor.start)
        where = _file_link(corpus.root / article.path, f"{article.path}:{line}:{column}")
        status = {"exact": "", "moved": " · passage moved", "fuzzy": f" · text changed, matched {placed.anchor.score:.2f}"}[placed.anchor.status]
        body.append(
            f'<a id="{annotation.id}"></a>**{inline(article.source)}** · {where} · `crossread open {annotation.id}`{status}'
        )
        passage = article.text[placed.anchor.start : placed.anchor.end]
    else:
        gone = "the article is no longer in the corpus" if article is None else "passage not found"
        body.append(f'<a id="{annotation.id}"></a>**Orphan** ({gone}) · `{_code(annotation.path)}` · article `{_code(annotation.article)}`')
        passage = annotation.quote
    body.append("")
    body += ["> " + line if line else ">" for line in passage_lines(passage)]
    if annotation.note.strip():
        body.append("")
        body += note_lines(annotation.note)
    if annotation.tags:
        body += ["", "Tags: " + " ".join("#" + inline(tag) for tag in annotation.tags)]
    if entry.counterparts:
        body += ["", "Also reported by:", ""]
        for counterpart in entry.counterparts:
            other = counterpart.article
            line, column = other.line_column(counterpart.start)
            body.append(
                f"- **{inline(other.source)}** ({counterpart.kind}): {inline(' '.join(counterpart.text.split()))} · "
                f"{_file_link(corpus.root / other.path, f'{other.path}:{line}:{column}')} · `crossread open {_code(other.id)}@{counterpart.start}`"
            )
    return ["> " + line if line else ">" for line in body] + ["", f"^{annotation.id}", ""]


def passage_lines(text: str) -> list[str]:
    """Article text as literal Markdown lines: escaped inline, no line can start a block."""
    lines = []
    for raw in visible(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n"):
        stripped = raw.strip()
        lines.append(_no_block_start(inline(stripped)) if stripped else "")
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return _single_blank_lines(lines)


def note_lines(note: str) -> list[str]:
    """A note's own Markdown, kept, but unable to leave its blockquote or add headings, rules or HTML."""
    lines: list[str] = []
    fence: str | None = None
    for raw in visible(note.replace("\r\n", "\n").replace("\r", "\n")).split("\n"):
        match = _FENCE.match(raw)
        if fence is not None:
            lines.append(raw)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not match.group(2).strip():
                fence = None
            continue
        if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
            fence = match.group(1)
            lines.append(raw)
            continue
        lines.append(_neutralised(raw))
    if fence is not None:
        lines.append(fence)
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return lines


def _neutralised(line: str) -> str:
    """A note line outside code: no heading, rule or setext underline, HTML shown as text."""
    if _ATX.match(line):
        line = _ATX.sub(lambda m: m.group(1) + "\\" + m.group(2), line, count=1)
    elif _RULE_OR_UNDERLINE.match(line):
        stripped = line.lstrip()
        line = line[: len(line) - len(stripped)] + "\\" + stripped
    pieces, last = [], 0
    for span in _CODE_SPAN.finditer(line):
        pieces.append(_escape_html(line[last : span.start()]))
        pieces.append(span.group())
        last = span.end()
    pieces.append(_escape_html(line[last:]))
    return "".join(pieces)


def _escape_html(text: str) -> str:
    out, last = [], 0
    for link in _AUTOLINK.finditer(text):
        out.append(text[last : link.start()].replace("<", "&lt;"))
        out.append(link.group())
        last = link.end()
    out.append(text[last:].replace("<", "&lt;"))
    return "".join(out)


def inline(text: str) -> str:
    """Untrusted text as literal inline Markdown: one line, controls visible, punctuation escaped."""
    return _INLINE_SPECIAL.sub(r"\\\1", " ".join(visible(text).split()))


def _no_block_start(line: str) -> str:
    match = _BLOCK_START.match(line)
    if not match:
        return line
    marker_end = match.end(2)
    if match.group(2)[-1] in ".)":
        return line[: marker_end - 1] + "\\" + line[marker_end - 1 :]
    return line[: match.start(2)] + "\\" + line[match.start(2) :]


def _single_blank_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return out


def _code(text: str) -> str:
    """Text for inside a one-backtick code span (ids and paths: backticks and newlines removed)."""
    return " ".join(visible(text).replace("`", "'").split())


def _file_link(path: Path, label: str) -> str:
    return f"[{inline(label)}]({path.absolute().as_uri()})"


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML), controls escaped."""
    return json.dumps(text, ensure_ascii=False)


# -- files --------------------------------------------------------------------------------------


def safe_filename(title: str, *, suffix: str = ".md", limit: int = DEFAULT_FILENAME_CHARS) -> str:
    """A file name from a title that is valid on Windows, macOS and Linux alike.

    ASCII letters, digits and hyphens only (so no ``/\\:*?"<>|``, control characters or trailing
    dots), at most ``limit`` characters before the suffix, never a reserved Windows device name.
    """
    ascii_title = "".join(
        ch if ch.isascii() else "" if unicodedata.combining(ch) else "-" for ch in unicodedata.normalize("NFKD", title)
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    slug = slug.strip("-") or "annotations"
    if slug.split(".")[0] in _WINDOWS_RESERVED:
        slug += "-notes"
    return slug + suffix


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: readers see the old file or the new, never a mix.

    Raises:
        ExportError: the folder does not exist or cannot be written.
    """
    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise ExportError(f"cannot write {path} ({error.strerror}); choose a writable --out folder") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as error:
        try:
            os.unlink(temp)
        except OSError:
            pass  # the temp file is gone already; nothing else to clean
        raise ExportError(f"cannot write {path} ({error.strerror}); choose a writable --out folder") from None


def output_path(out: Path, title: str) -> Path:
    """The file ``--out`` means: a folder (existing, or given with a trailing slash) gets a name from the title."""
    if out.is_dir() or str(out).endswith(("/", os.sep)):
        if not out.is_dir():
            raise ExportError(f"folder {out} does not exist; create it or pass a file name to --out")
        return out / safe_filename(title)
    if not out.parent.is_dir():
        raise ExportError(f"folder {out.parent} does not exist; create it or choose another --out")
    return out


__all__ = [
    "Counterpart",
    "Export",
    "ExportEntry",
    "ExportError",
    "build_export",
    "counterparts",
    "inline",
    "note_lines",
    "output_path",
    "passage_lines",
    "render_markdown",
    "safe_filename",
    "write_atomically",
]
