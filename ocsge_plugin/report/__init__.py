"""The « Portrait de territoire »: a printable report per territory (ocsge:portrait), built from the
published tables that ocsge:diagnostic writes — French number formatting, charts, print layout."""
