"""Getting documents: the schema, sources, de-duplication and the raw store."""
