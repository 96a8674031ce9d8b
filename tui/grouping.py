"""How the article list groups articles into stories: the engine's stories, titled for the list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.stories import corpus_stories

if TYPE_CHECKING:
    from pathlib import Path

    from index.article import Article
    from index.corpus import Corpus


def group_articles(corpus: Corpus, cache_dir: Path | None = None) -> list[tuple[str, list[Article]]]:
    """Stories as (title, articles): named stories by their name, content stories by their first article.

    This runs in the indexing worker, since grouping a large corpus takes a while (once: the
    engine caches it by content).
    """
    groups: list[tuple[str, list[Article]]] = []
    for story in corpus_stories(corpus.articles, cache_dir):
        members = [article for article_id in story.article_ids if (article := corpus.get(article_id)) is not None]
        if members:
            named = members[0].story == story.id
            groups.append((story.id if named else members[0].display_title, members))
    return groups
