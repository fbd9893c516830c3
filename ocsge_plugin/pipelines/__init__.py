"""One module per run of the plugin, callable without Processing: plain inputs (layers, paths, an
options dataclass, a feedback with ``setProgress`` / ``isCanceled`` / ``pushInfo``, as
``QgsFeedback``), a result that states what the run decided (the method used, the communes covered
and left out, the notes, the REPORT, the paths written). The algorithms of ``processing_provider``
read their parameters, call one of them and hand back its outputs."""
