# jusText loads its stop-word lists from files beside its modules.
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("justext")
