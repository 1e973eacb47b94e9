"""Pure computation: data in, data out; no file I/O, no printing."""
