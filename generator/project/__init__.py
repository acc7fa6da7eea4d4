"""The project around a spec: its config file (`sdkgen.yaml`) and what a command line means."""
