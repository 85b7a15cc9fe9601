"""Pure data and rules, with no I/O: the model, times, video ids, which words are spoken when, on-disk shapes, errors."""
