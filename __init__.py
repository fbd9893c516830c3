"""QGIS plugin entry point. Nothing heavy is imported until QGIS asks for the plugin."""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    from .ocsge_plugin.plugin import OcsgePlugin

    return OcsgePlugin(iface)
