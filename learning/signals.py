"""Signals the learning services send after their transaction commits, so other apps (the
reminders of the notifications app, for example) can react without learning importing them.

``assignment_assigned(sender, assignment, participants)``
    an assignment was given to ``participants`` (a list of users).
``assignments_on_joining(sender, participant, cohort, assignments)``
    a newcomer to ``cohort`` got its open assignments that still have time left (a list,
    soonest due first), to be told about in one message.
``submission_submitted(sender, submission)``
    a participant sent a version of their work.
``submission_reviewed(sender, review)``
    a reviewer accepted a submission or asked for a revision.
``invitation_sent(sender, invitation, token, code)``
    a facilitator invited someone to join a cohort (or sent the invitation again); ``token``
    and ``code`` are the one-time link's token and the code in clear (only for someone
    without a password, else empty): for the message, never to be stored.
``cohort_message_sent(sender, message, participants)``
    a facilitator sent a message to everyone in a cohort (``participants``, a list of users).
"""

from django.dispatch import Signal

assignment_assigned = Signal()
assignments_on_joining = Signal()
submission_submitted = Signal()
submission_reviewed = Signal()
invitation_sent = Signal()
cohort_message_sent = Signal()
