"""How the article list groups articles into stories: one small function the list is built from."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.corpus import Corpus
    from index.article import Article


def group_articles(corpus: Corpus) -> list[tuple[str, list[Article]]]:
    """Stories as (title, articles), in corpus order.

    Articles that name a story in their metadata are grouped by it; the rest form one group titled
    by the corpus folder name.

    Returns:
        The groups, largest named story first, the unnamed group last.
    """
    named: dict[str, list[Article]] = {}
    loose: list[Article] = []
    for article in corpus.articles:
        if article.story:
            named.setdefault(article.story, []).append(article)
        else:
            loose.append(article)
    groups = sorted(named.items(), key=lambda item: (-len(item[1]), item[0]))
    if loose:
        groups.append((corpus.root.name or str(corpus.root), loose))
    return groups
