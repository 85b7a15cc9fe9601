"""``python -m aftershock_cli``."""

from .cli.app import main

main()
