"""Full-text search (issue 16): the index condition, the search service with its snippets,
and saved searches."""
