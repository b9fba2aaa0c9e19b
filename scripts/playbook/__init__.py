"""Build code of the client-exit playbook: languages, Markdown extensions, MkDocs hooks and the PDF step."""
