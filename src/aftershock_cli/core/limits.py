"""The bounds aftershock puts on what it reads, so no file can exhaust memory or time.

Every value is far above what a real file holds (a four-hour hearing makes a
transcript of a few megabytes), and every reader refuses input beyond it with
one line that names the file. ``docs/limits.md`` lists them for users.
"""

from __future__ import annotations

MiB = 1024 * 1024

MAX_NOTE_BYTES = 20 * MiB
"""A Markdown note, a note file or a list of video ids."""
MAX_CAPTION_BYTES = 100 * MiB
"""A caption file (.vtt, .srt, .json3, .info.json, ...)."""
MAX_WORKSPACE_FILE_BYTES = 200 * MiB
"""A file of the workspace (settings, transcript, tag file, codebook)."""
MAX_USER_FILE_BYTES = MAX_CAPTION_BYTES
"""Any other text file a user names."""

MAX_NESTING = 200
"""The deepest nesting of JSON arrays and objects, or of XML elements."""

MAX_CODE_DEPTH = 100
"""The deepest nesting of codes in a REFI-QDA codebook (real ones nest a handful)."""

MAX_YAML_ALIASES = 0
"""YAML aliases (``*name``) allowed in a workspace file: aftershock never writes one."""

MAX_ARCHIVE_MEMBER_BYTES = 512 * MiB
"""One member of a ``.qdpx`` once unpacked (the project file, the sidecar, a source)."""
MAX_ARCHIVE_TOTAL_BYTES = 1024 * MiB
"""Every member of a ``.qdpx`` that is read, once unpacked, together."""
MAX_ARCHIVE_RATIO = 200
"""How many times its packed size a member may grow when unpacked (text packs ~10x)."""

MAX_TIME_MS = 7 * 24 * 60 * 60 * 1000
"""The latest time a segment, cue or tag may have: seven days."""

MAX_TAGS_PER_FILE = 100_000
"""Tags of one video (a careful coder makes a few hundred)."""
MAX_TAG_FILE_BYTES = 64 * MiB
"""A tag file (``tags/<videoId>.yaml``): 100,000 tags with notes of a few sentences.
Reading one takes about 50 times its size in memory while it is parsed (about
9.5 KiB per tag, see ``benchmarks/bench_tag_memory.py``)."""

REGEX_TIMEOUT_S = 2.0
"""How long one user pattern may run over one transcript."""

LOCK_WAIT_S = 30.0
"""How long a command waits for another one to release the workspace by default."""
LOCK_NOTICE_S = 1.0
"""After how long a waiting command says that it is waiting, and for whom."""
