"""One module per kind of source Lectern reads; each defines ``READER``.

A new kind is one new module here (plus its tests) and one line in
``desktop.core.importing.kinds.READERS``: the CLI, the file dialogs, drag and drop
and the update command all read that registry.
"""
