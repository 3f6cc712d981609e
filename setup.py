"""Only what pyproject.toml cannot say: the wheel's package list.

``resources/`` (icons, styles, samples, export templates) lives beside the
code in a checkout and ships inside the wheel as ``desktop.resources``
(``package-dir`` in pyproject.toml); automatic discovery never looks outside
``desktop/``, so that package is named here. Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["desktop", "desktop.*"]), "desktop.resources"])
