"""The Textual app: screens and widgets that render the core's data, never compute it.

Owns: ``app`` (``create_app``), ``app.tcss``, ``screens/`` and ``widgets/``.
May import: everything in the package. SymPy, answer checking and file loading
run in workers, never on the UI thread; strings from lessons, answers and
``expr`` programs are shown literally (``rich.text.Text``), never as markup.
"""
