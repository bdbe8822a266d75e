"""Cases as such: registering and correcting them, who sees which, the case read model, the
lists and inbox queues, duplicates and the caller's history, reference data for the forms."""
