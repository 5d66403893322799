"""The web UI: server-rendered pages (Jinja2, autoescaped) with a little JavaScript of our own.

Pages read the store directly through the same queries as the API; nothing
is loaded from outside the process (no CDN, no web fonts).
"""

from presswatch.web.pages import html_error, mount_ui

__all__ = ["html_error", "mount_ui"]
