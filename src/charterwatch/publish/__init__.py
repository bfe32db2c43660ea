"""Publishing: static, accessible outputs read from the results store, never computed here.

:mod:`view` turns stored rows into the objects every output shares (pages, downloads, PDF);
:mod:`site` renders the website; each download format is one module in :mod:`downloads`.
"""
