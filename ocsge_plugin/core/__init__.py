"""The base every layer stands on: errors, translation, settings, QGIS version differences, help
locations."""
