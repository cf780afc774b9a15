"""Django project configuration: settings read from the environment, URLs and the WSGI entry point."""
