"""Named entities: recognition (spaCy, in a worker), context post-processing,
the reader's own corrections (a gazetteer), and storage per article.

Nothing here imports spaCy at module level: only ``recognizer`` loads it, and
only when asked to analyse text. The window never imports ``recognizer``; it
talks to ``worker`` (a separate process) instead.
"""
