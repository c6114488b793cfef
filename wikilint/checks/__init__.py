"""Rule families.  Every module here is imported by the registry; each Rule subclass with a code is a rule."""
