"""API keys are deliberately not in the Django admin.

An agency's keys are managed in the console (Integrasi) by its Developer and Admin
Instansi, through the services that check who may; the admin would be a second door
past those checks, and its change form would show the key's hash. The national admin
revokes a key with ``manage.py apikey_revoke``. ``tests/test_admin.py`` pins this.
"""
