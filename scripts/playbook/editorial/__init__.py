"""Editorial checks of the text readers see: spelling (Hunspell) and the house terms (the glossary).

Both read the same sources through :mod:`playbook.editorial.sources`: every page in ``docs/<code>/`` (front
matter description, prose, headings, checklist titles and items, admonition titles, the contract clause, the
planner's templates) and every string in ``scripts/playbook/strings/<code>.json``, with the Markdown syntax,
code, addresses, attribute lists and placeholders taken out and each line kept at its own line number.
"""
