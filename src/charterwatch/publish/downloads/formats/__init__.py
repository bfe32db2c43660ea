"""The built-in download formats, one module each; importing a module registers its format."""
