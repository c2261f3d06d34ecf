"""The command line: parser and main, commands, rendering."""
