"""Rule tables (TOML data) for the cleaning steps, one file per step and language."""
