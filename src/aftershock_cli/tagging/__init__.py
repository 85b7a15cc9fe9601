"""Themes and tags: planning a tag from a request, matching words, suggesting stretches, committing them."""
