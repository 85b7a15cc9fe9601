"""Transcripts in: YouTube and caption files become a Transcript; nothing here knows the workspace."""
