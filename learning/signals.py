"""Signals the learning services send after their transaction commits, so other apps (the
reminders of the notifications app, for example) can react without learning importing them.

``assignment_assigned(sender, assignment, participants)``
    an assignment was given to ``participants`` (a list of users).
``submission_submitted(sender, submission)``
    a participant sent a version of their work.
``submission_reviewed(sender, review)``
    a reviewer accepted a submission or asked for a revision.
``invitation_sent(sender, invitation)``
    a facilitator invited an existing account to join a cohort.
"""

from django.dispatch import Signal

assignment_assigned = Signal()
submission_submitted = Signal()
submission_reviewed = Signal()
invitation_sent = Signal()
