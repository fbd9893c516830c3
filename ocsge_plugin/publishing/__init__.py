"""What the runs publish: the national export schema, CSV for spreadsheets, layer styles."""
