"""Pure computations: arrays in, numbers or small dataclasses out. No Excel, no files."""
