"""Careful reads and atomic, locked writes of files; knows nothing of what the files hold."""
