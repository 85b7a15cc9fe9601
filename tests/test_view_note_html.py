"""The exported note as the view shows it: escaped, with anchors that seek."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette", reason="the view extra (starlette) is not installed")

from aftershock_cli.view.note_html import note_html

NOTE = (
    "---\ntitle: A & B\nvideoId: AbCdEfGhIj0\n---\n\n"
    "From: [[somechannel]] <br/> \n\n"
    "## Theme <one>\n\n"
    'Silos &lt;script> broke [[Page|shown]] <a class="yt-timestamp" data-t="00:09:14">[00:09:14]</a>.\n'
)


def test_note_html_escapes_everything_and_links_anchors():
    assert note_html(NOTE) == (
        '<pre class="front">title: A &amp; B\nvideoId: AbCdEfGhIj0</pre>'
        '<p>From: <span class="wikilink">somechannel</span></p>\n'
        "<h3>Theme &lt;one&gt;</h3>\n"
        '<p>Silos &lt;script&gt; broke <span class="wikilink">shown</span> '
        '<a href="#" class="seek" data-seek-ms="554000">[00:09:14]</a>.</p>'
    )
