"""Question banks: the documented TOML format, validation, loading and CSV import."""
