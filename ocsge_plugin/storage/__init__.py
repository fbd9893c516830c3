"""Reading and keeping files: deliveries (7z, GPKG, SHP), outputs written whole or not at all,
PostGIS."""
