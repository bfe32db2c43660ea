"""Text similarity that works offline: TF-IDF weighted word vectors and their cosine.

No model is downloaded; the vocabulary is the framework's own measures, so a word every
measure uses ("clients") weighs little and a distinctive one ("dignity") weighs much.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_COMMON = (
    "a an and are as at be been by did do does for from had has have how in is it its of on or "
    "that the their them they this those to was were what when which who whom with you your"
)
STOP_WORDS = frozenset(_COMMON.split())


def words(text: str) -> Counter[str]:
    """The text's words in lower case, without very common ones and one- or two-letter ones."""
    return Counter(
        w for w in (m.lower() for m in WORD.findall(text)) if len(w) > 2 and w not in STOP_WORDS
    )


def similarities(texts: Mapping[str, str]) -> dict[tuple[str, str], float]:
    """The cosine similarity (0 to 1) of every pair of texts, keyed by their ids in order."""
    counted = {key: words(text) for key, text in texts.items()}
    documents = len(counted)
    frequency: Counter[str] = Counter(w for c in counted.values() for w in c)
    vectors = {
        key: {w: n * math.log((1 + documents) / (1 + frequency[w])) for w, n in c.items()}
        for key, c in counted.items()
    }
    norms = {key: math.sqrt(sum(x * x for x in v.values())) for key, v in vectors.items()}
    keys = list(vectors)
    out: dict[tuple[str, str], float] = {}
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if not norms[a] or not norms[b]:
                out[(a, b)] = 0.0
                continue
            dot = sum(x * vectors[b].get(w, 0.0) for w, x in vectors[a].items())
            out[(a, b)] = dot / (norms[a] * norms[b])
    return out
