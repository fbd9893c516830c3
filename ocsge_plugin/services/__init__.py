"""Network services through QGIS's network stack: data.gouv.fr and IGN's catalogue."""
