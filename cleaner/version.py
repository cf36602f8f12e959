"""The package version, read by the build (pyproject's `[tool.hatch.version]`) and at run time.

>>> __version__.count(".")
2
"""

__version__ = "0.1.0"
