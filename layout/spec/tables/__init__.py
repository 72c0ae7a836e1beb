"""The page spec's schema tables, one module per part of the spec; :mod:`layout.spec.schema`
assembles them into :data:`~layout.spec.schema.SPEC`.

- :mod:`~layout.spec.tables.values`: the page spec's own value types (lengths, sizes,
  margins, colours, the ink limit, the Han–Western gap, the CN number, paths, marks);
- :mod:`~layout.spec.tables.page`: the page (trim, margins, writing mode) and the grid;
- :mod:`~layout.spec.tables.styles`: a text style;
- :mod:`~layout.spec.tables.placement`: a box's grid or free placement;
- :mod:`~layout.spec.tables.boxparts`: a box's sub-records (headline area, copyfit, thread,
  wrap, logotype, facts);
- :mod:`~layout.spec.tables.boxes`: a box, every kind's keys in one table;
- :mod:`~layout.spec.tables.edition`: what the pages of an edition share: its facts, the
  page header, the wording of the jump lines, the press settings.
"""
