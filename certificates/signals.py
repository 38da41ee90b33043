"""Signals certificates sends after its transaction commits.

``certificate_issued(sender, certificate)``
    a participant was given a certificate (automatically, or reissued by a manager).
"""

from django.dispatch import Signal

certificate_issued = Signal()
