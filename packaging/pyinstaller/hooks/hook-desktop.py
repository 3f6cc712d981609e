# Lectern's own package: the CLI finds its command modules with pkgutil at run
# time and the storage reads its migrations as package data, so PyInstaller's
# import scan sees neither. (desktop.__main__ too: `lectern -c` runs it by name.)
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

hiddenimports = collect_submodules("desktop")
datas = collect_data_files("desktop", includes=["**/*.sql"])
