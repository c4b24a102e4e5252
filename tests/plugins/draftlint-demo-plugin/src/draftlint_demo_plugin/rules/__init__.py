"""The demo rule pack: this folder holds the plugin's YAML rule files (data only)."""
