"""The body flow of a story into its columns, one concern per module; the short function that
runs them is :func:`layout.compose.body.flow`.

- :mod:`~layout.compose.flow.pieces`: what goes in and comes out (:class:`FlowPiece`,
  :class:`Fill`, :class:`Onward`, :class:`Cut`, :class:`Flow`);
- :mod:`~layout.compose.flow.columns`: the columns a flow fills, their grid slots and what a
  wrapped box leaves of each (:class:`Columns`);
- :mod:`~layout.compose.flow.pour`: every line of every piece placed on the grid, column after
  column, set again where a wrapped box changes the measure (:func:`pour`, :class:`Plan`);
- :mod:`~layout.compose.flow.fill`: the columns ended at the foot (拉行 / 缩行) or balanced;
- :mod:`~layout.compose.flow.thread`: a box whose story goes on — filled, cut at a line start,
  the jump line at its foot (:func:`carried`);
- :mod:`~layout.compose.flow.draw`: a plan drawn into ops and placed lines, with its empty
  slots and its problems located (:func:`draw`).
"""
