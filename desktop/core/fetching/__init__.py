"""What the user asks of the network, as operations the CLI and the window share:
import pages from their addresses, download the links waiting in the library."""
