"""``python -m mentalens ...`` runs the ``mentalens`` command (main() exits with its code)."""
from .cli.main import main

if __name__ == "__main__":
    main()
