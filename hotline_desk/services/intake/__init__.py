"""Intake from the 12345 platform: reading its exports, the column mapping, the import with its
preview, and the results sent back (办理结果回传)."""
