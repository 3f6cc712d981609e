"""Lectern's Qt shell over ``desktop.core``."""
