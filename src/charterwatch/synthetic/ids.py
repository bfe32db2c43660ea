"""Record identifiers numbered in file order (``APP0000001``, ``APP0000002``, ...).

Made by Arrow compute functions rather than one Python string per record: at the example's
real scale (millions of applications and calls) formatting them one by one took seconds
per file, and the writer then had to turn them back into Arrow text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def numbered(prefix: str, count: int, width: int) -> pd.api.extensions.ExtensionArray:
    """``prefix`` followed by 1 to ``count``, zero-padded to ``width`` digits (wider numbers
    keep every digit), as ``f"{prefix}{i:0{width}d}"`` gives them. An array, not a Series,
    so inserting it into a frame goes by position, whatever the frame's index."""
    digits = pa.array(np.arange(1, count + 1, dtype=np.int64)).cast(pa.string())
    ids = pc.binary_join_element_wise(prefix, pc.utf8_lpad(digits, width, "0"), "")
    return pd.array(ids, dtype="str")
