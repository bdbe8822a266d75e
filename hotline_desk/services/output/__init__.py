"""Documents and files that leave the desk: printing a case's slips and letters, exporting
case lists, the monthly report and the 政务公开 list."""
