"""The service's HTTP routes, one module per concern; each exposes ``ROUTES`` and is listed in
:data:`workshop.app.ROUTE_MODULES`."""
