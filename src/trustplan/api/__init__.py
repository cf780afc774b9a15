"""The JSON API for analysts' own tools, with an OpenAPI schema at /api/openapi.json.

It reads and writes through the same access policy as the pages (``trustplan.access``): a
request is made as the signed-in user (session, with CSRF protection for writes) or as the
owner of an API token sent as ``Authorization: Bearer tp_…``.
"""
