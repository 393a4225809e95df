"""The officials' pages, one module per page family. Views parse the request, call a
service or a selector, and render; every page works as plain HTML forms and links, and
htmx (``hx-boost``) only makes them quicker."""
