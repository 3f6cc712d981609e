"""The network, used only when the user asks: a page from its address, a feed, a queue
of waiting links. Opening and reading an article never come here."""
