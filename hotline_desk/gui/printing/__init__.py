"""Printing from the desk: the print preview (QtPdf), sending pages to a printer, and the
main window's print and batch-print actions."""
