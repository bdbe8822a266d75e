"""Documents and exports: PDF slips, letters and reports (reportlab) and spreadsheets; they take
the services' plain DTOs and write files. No Qt, no database sessions."""
