"""The PDF step: assemble one document per language from the built pages, widgets to form fields, render."""
