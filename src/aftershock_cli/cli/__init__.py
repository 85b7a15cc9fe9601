"""The command-line interface (Typer). Only this package talks to the terminal."""
