"""The ways a notification leaves the system: e-mail (Django's backend) and SMS."""
