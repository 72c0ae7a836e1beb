"""The Chinese text engine: text, a style and a measure in; lines of positioned glyphs out.

Stages, one per module (as Typst's inline layout): ``clean`` → ``collect`` → ``prepare`` →
``linebreak`` → ``finalize``, run by :func:`layout.text.paragraph.set_paragraph`.
"""
