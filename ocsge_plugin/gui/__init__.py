"""The dock panel: finds data on data.gouv.fr and IGN's download service and loads it.

The only part of the plugin that knows QGIS's interface (iface); the searching, listing and
downloading it shows are done by the core (datagouv, catalogue, network)."""
