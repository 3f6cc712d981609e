# Lectern's own package: the CLI finds its command modules with pkgutil at run
# time and the storage reads its migrations as package data, so PyInstaller's
# import scan sees neither.
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

hiddenimports = collect_submodules("desktop", filter=lambda name: name != "desktop.__main__")
datas = collect_data_files("desktop", includes=["**/*.sql"])
