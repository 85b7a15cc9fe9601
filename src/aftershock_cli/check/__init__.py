"""Checking notes in the source format against their transcripts, and fixing what can be fixed."""
