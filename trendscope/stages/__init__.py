"""Stage bodies: each reads its input files, calls pure functions, and writes its outputs atomically."""
