"""A bilingual Arabic–English archive of quoted statements, with provenance and search."""

__version__ = "0.1.0"
