"""The workspace folder on disk: settings, codebook, transcripts and tags, found, read and written safely."""
