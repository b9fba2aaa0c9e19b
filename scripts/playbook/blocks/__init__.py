"""The Markdown blocks: one package per widget (its extension, its build checks, its hooks)."""
