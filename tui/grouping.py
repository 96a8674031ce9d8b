"""How the article list groups articles into stories: one small function the list is built from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.stories import group_stories

if TYPE_CHECKING:
    from index.article import Article
    from index.corpus import Corpus


def group_articles(corpus: Corpus) -> list[tuple[str, list[Article]]]:
    """Stories as (title, articles): the stories files name in their metadata, then those found by content.

    A content story is titled by its first article. This runs in the indexing worker, since
    grouping a large corpus takes a while.

    Returns:
        The groups, named stories first (largest first), then content stories as the engine orders them.
    """
    named: dict[str, list[Article]] = {}
    loose: list[Article] = []
    for article in corpus.articles:
        if article.story:
            named.setdefault(article.story, []).append(article)
        else:
            loose.append(article)
    groups = sorted(named.items(), key=lambda item: (-len(item[1]), item[0]))
    by_id = {article.id: article for article in loose}
    for story in group_stories(loose):
        members = [by_id[article_id] for article_id in story.article_ids if article_id in by_id]
        if members:
            groups.append((members[0].display_title, members))
    return groups
