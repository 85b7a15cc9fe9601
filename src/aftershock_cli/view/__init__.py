"""The local web view: watch a talk beside its transcript and tag it (``aftershock view``)."""
