# tld reads the public-suffix list from tld/res at run time (its tests are left out).
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("tld", excludes=["tests/**"])
