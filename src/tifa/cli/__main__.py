"""``python -m tifa.cli``."""
from .main import run

run()
