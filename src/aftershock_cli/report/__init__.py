"""Counts of themes across videos, coders and time, and their plots."""
