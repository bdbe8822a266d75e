"""The application around the pages: starting Qt, logging in, the main window with its
navigation, notices and alerts, and the database connection dialog."""
