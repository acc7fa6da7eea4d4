"""The Python target: IR -> the view the Python templates print."""
