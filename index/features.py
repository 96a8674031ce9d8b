"""Pair features and the learned link model: is this passage pair a link at all?

Plain lexical overlap misses paraphrases and partial links that share few exact words ("no
confirmation from the Kremlin" / "Russian officials have not yet publicly responded"). The
model here adds general evidence: broad news-verb and news-noun families, shared names and
figures, shared word pairs, length and position in the article. The weights are a logistic
regression fitted on the seed *tuning* pairs only (``bench/align.py --fit``, plain Python);
BASIL and the held-out seed pairs are never used to fit them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

from index.normalize import STOPWORDS, fold, term

#: Broad families of general news wording. A pair sharing only a family (not the word) earns
#: less than an exact match but more than nothing. No story names, places or people here.
FAMILY_GROUPS = [
    "say tell state announce declare claim note add remark explain stress emphasize insist",
    "comment respond reply response answer",
    "confirm verify acknowledge admit",
    "deny refuse decline reject dismiss rebuff",
    "agree accept consent concede approve",
    "halt pause stop cease suspend freeze refrain truce ceasefire moratorium",
    "attack strike bomb bombing bombard shell fire assault raid barrage offensive",
    "missile rocket drone",
    "talk negotiate negotiation discuss discussion meeting meet summit round",
    "official spokesman spokesperson aide representative envoy negotiator minister",
    "criticize criticise slam blast condemn denounce decry rail mock ridicule",
    "apologize apologise apology regret",
    "warn caution alert",
    "electricity power energy grid blackout outage heat heating",
    "kill death dead die fatality casualty killed",
    "injure wound hurt injury",
    "chance odds probability likely",
    "lose loss defeat",
    "win victory triumph",
    "plan intend propose proposal",
    "resume continue restart",
    "invite invitation host",
    "visit trip travel",
    "release publish post emerge surface leak reveal",
    "video footage clip tape recording",
    "ad advertisement commercial",
    "praise thank commend hail",
    "optimism optimistic confidence confident hope hopeful",
    "progress stride breakthrough advance headway",
    "withdraw retreat cede surrender relinquish",
    "territory land territorial region",
    "prepare preparation ready",
    "vote ballot election poll",
    "candidate nominee contender",
    "critic opponent",
    "resign quit step",
    "temperature cold freezing frigid subzero",
]


def _family_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in FAMILY_GROUPS:
        keys = [term(word) for word in group.split()]
        for key in keys:
            table.setdefault(key, "~" + keys[0])
    return table


FAMILY_OF = _family_table()
"""Matching key -> family key (prefixed with ``~`` so it never equals a word key)."""

_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+")


@lru_cache(maxsize=50_000)
def family_key(key: str) -> str:
    """The family of a matching key, or the key itself."""
    return FAMILY_OF.get(key, key)


def entity_terms(passage: str) -> frozenset[str]:
    """Matching keys of capitalised words that do not start a sentence: names, places, outlets."""
    keys = set()
    for match in _CAPITALISED.finditer(passage):
        folded = fold(match.group()).strip("'’-")
        if folded.endswith("'s"):
            folded = folded[:-2]
        if len(folded) > 1 and folded not in STOPWORDS:
            keys.add(term(folded))
    return frozenset(keys)


FEATURES = (
    "bias", "dice", "containment", "shared_weight", "shared_terms", "quote_run", "fuzzy",
    "family_dice", "family_only_weight", "entities", "numbers", "bigrams", "length_ratio",
    "short", "position", "specific_weight",
)
"""Names of the model's inputs, in order."""

#: Logistic-regression weights, fitted on the seed tuning pairs by ``bench/align.py --fit``.
WEIGHTS = (
    -5.284, 0.571, 1.124, 1.315, 0.587, 0.019, 0.410, 0.518, 0.853, -0.138, 0.033, 1.183, -0.949, 0.211, 0.920, 0.311,
)
LINK_PROBABILITY = 0.74
"""A candidate pair whose modelled probability reaches this is a link (chosen on tuning pairs)."""


CONTEXT_FEATURES = ("bias", "pair_logit", "best_for_a", "best_for_b", "mutual_best", "neighbours")
"""Inputs of the second-stage (context) model, in order."""

#: Context-model weights, fitted on the seed tuning pairs by ``bench/align.py --fit``.
CONTEXT_WEIGHTS = (0.832, 1.316, 0.205, 0.096, 0.087, 0.710)


def context_features(probability: float, best_for_a: bool, best_for_b: bool, neighbours: float) -> list[float]:
    """The context-model inputs of one candidate pair, from its pair-model probability."""
    clipped = min(max(probability, 1e-6), 1 - 1e-6)
    return [
        1.0,
        math.log(clipped / (1 - clipped)),
        float(best_for_a),
        float(best_for_b),
        float(best_for_a and best_for_b),
        neighbours,
    ]


def weighted_dice(
    a: frozenset[str], b: frozenset[str], idf: dict[str, float], weight_a: float | None = None, weight_b: float | None = None
) -> tuple[float, float, float]:
    """Dice and containment of two key sets weighted by rarity, and the shared weight.

    ``weight_a`` and ``weight_b`` are the sets' total weights, if already known.
    """
    if weight_a is None:
        weight_a = sum(idf.get(t, 1.0) for t in a)
    if weight_b is None:
        weight_b = sum(idf.get(t, 1.0) for t in b)
    if not weight_a or not weight_b:
        return 0.0, 0.0, 0.0
    shared = sum(idf.get(t, 1.0) for t in a & b)
    return 2 * shared / (weight_a + weight_b), shared / min(weight_a, weight_b), shared


def bigrams(terms: Sequence[str]) -> frozenset[tuple[str, str]]:
    """Unordered pairs of content words at most two apart: 'Putin agreed', 'pause strikes'."""
    out = set()
    for i, first in enumerate(terms):
        for second in terms[i + 1:i + 3]:
            if first != second:
                out.add((first, second) if first < second else (second, first))
    return frozenset(out)


def logistic(values: Sequence[float], weights: Sequence[float] = WEIGHTS) -> float:
    """The modelled link probability of one feature vector."""
    z = sum(w * v for w, v in zip(weights, values))
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def fit_logistic(
    rows: Sequence[Sequence[float]], labels: Sequence[int], l2: float = 0.01, epochs: int = 400, rate: float = 0.5
) -> list[float]:
    """Fit logistic-regression weights by full-batch gradient descent (plain Python).

    Positives are weighted so both classes count equally, then ``l2`` shrinks every weight
    except the bias towards zero.
    """
    n_features = len(rows[0])
    weights = [0.0] * n_features
    positives = sum(labels) or 1
    negatives = (len(labels) - positives) or 1
    scale = [len(labels) / (2 * positives), len(labels) / (2 * negatives)]
    for _ in range(epochs):
        gradient = [0.0] * n_features
        for x, y in zip(rows, labels):
            error = (logistic(x, weights) - y) * (scale[0] if y else scale[1])
            for k in range(n_features):
                gradient[k] += error * x[k]
        for k in range(n_features):
            penalty = l2 * weights[k] if k else 0.0
            weights[k] -= rate * (gradient[k] / len(rows) + penalty)
    return weights
