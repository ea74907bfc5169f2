"""Word lists and name tables, each once and with its source, shared by actors, places and
quotes."""
