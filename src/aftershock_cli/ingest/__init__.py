"""Bringing work into the workspace: fetching many videos and importing notes."""
