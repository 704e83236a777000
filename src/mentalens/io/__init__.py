"""Reading posts (inputs.py) and writing Results (outputs.py) for the CLI and batch jobs."""
