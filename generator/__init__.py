"""sdkgen: OpenAPI 3.0/3.1 -> typed Python SDK and Markdown reference."""
