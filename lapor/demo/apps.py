from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and benchmark data: logins for every role and realistic reports in bulk.

    The top layer: it may import every app, and no app imports it (the import contracts
    in pyproject.toml say so), so production code never depends on demo data.
    """

    name = "lapor.demo"
    label = "demo"
