"""Dataset readers: one module per file family, each ``read*(path, *, dataset, split, variant)``.

The catalog (data/catalog.py) says which reader reads which file; readers validate columns,
decode strict UTF-8 and map raw labels through the task specs (readers/labels.py).
"""
