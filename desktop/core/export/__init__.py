"""Export: notes as Markdown files (templates, safe re-export), citations,
W3C Web Annotations, and whole-library backup/restore.

Plain Python (no Qt): the CLI, the window and the tests all use it.
"""
