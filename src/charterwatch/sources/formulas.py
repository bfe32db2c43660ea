"""What makes a spreadsheet read a text cell as a formula: one list for both ends.

The extract guard (:mod:`.cells`) looks closer at source cells that start this way, and the
download writers (:mod:`charterwatch.publish.downloads.escaping`) escape such text. A module
of its own, with no imports, so that the writers and a framework check can use the list
without importing the source readers and pyarrow.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a text cell as a formula (OWASP's list);
the extract guard looks closer at them and the download writers escape them."""
