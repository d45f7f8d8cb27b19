"""The ``tifa`` command and its output formats (csv, json, aligned tables): a thin layer over the
stages, which it imports only when a command needs them."""
from .main import run  # noqa: F401  (the console script: tifa = "tifa.cli:run")
