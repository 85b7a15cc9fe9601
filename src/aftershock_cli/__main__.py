"""``python -m aftershock_cli``."""

from .cli.launch import main

main()
