"""The source format, read and written, with no I/O: the note AST, its reader, its writer and checks that need no transcript."""
