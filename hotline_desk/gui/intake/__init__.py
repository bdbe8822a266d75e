"""The desk's intake from the 12345 platform: the import dialog and the results export."""
