"""Exchange with QDA software through the REFI-QDA standard.

``codebook``: codebooks (``.qdc``) out and in; ``qdpx``: whole projects
(``.qdpx``: a zip of ``project.qde`` and ``sources/``) out, ``qdpx_read`` and
``qdpx_import`` in; ``checks`` and ``sidecar``: every value read from a file,
checked before anything is written. Only the standard library's
``xml.etree.ElementTree`` and ``zipfile`` are used.
"""

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"
