"""What learning tells people and when, as rules on learning's signals (sent after commit).

- An invitation to join a cohort: the person is told at once, on their own channel too (they
  may not be signed in, or have no push). Someone with a password gets a message that opens
  the invitation (they sign in and accept or decline); someone without one (a new account a
  facilitator enrolled or imported) gets a one-time link and a code to choose their password
  and join: a secret kind, never listed in the inbox and wiped once delivered.
- A facilitator's message to the whole cohort: inbox and push; one marked important also goes
  to each person's own channel (WhatsApp or SMS).
- A new assignment: each participant is told at once, and reminded 24 hours before it is due
  unless they have submitted by then.
- Feedback on a submission: the participant is told at once.
- New submissions to review: each facilitator gets one digest a day, at 08:00 in their zone,
  only when something waits for them.

Imported by ``notifications`` when the app is ready, so learning's own files stay as they
are.
"""

import datetime

from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cms.models import Role
from learning import selectors, signals
from learning.models import Assignment, CohortInvitation, CohortMessage, Review, Submission
from notifications import digests, kinds, services

ASSIGNED = "assignment_new"
ASSIGNED_ON_JOINING = "assignments_on_joining"
DUE_24H = "assignment_due_24h"
FEEDBACK = "submission_feedback"
REVIEW_DIGEST = "review_digest"
INVITATION = "cohort_invitation"
INVITATION_LINK = "cohort_invitation_link"
COHORT_MESSAGE = "cohort_message"
COHORT_MESSAGE_IMPORTANT = "cohort_message_important"


def _not_submitted(assignment: Assignment, recipient) -> dict | None:
    """At send time: remind only those who have not sent anything and may still send."""
    if assignment is None:
        return None
    assignment = Assignment.objects.filter(pk=assignment.pk).first()
    if assignment is None or assignment.closed:
        return None
    if Submission.objects.filter(assignment=assignment, participant=recipient).exists():
        return None
    return {}


def register_kinds() -> None:
    participants = (Role.PARTICIPANT,)
    kinds.register(
        INVITATION,
        label=_("Invitations to join a cohort"),
        title=_("Invitation to join %(cohort)s"),
        body=_("%(name)s invites you to the cohort. Open to join or decline."),
        ttl=datetime.timedelta(days=14),
        audience=participants,
        reach="direct",
    )
    kinds.register(
        INVITATION_LINK,
        label=_("Invitations to join a cohort"),
        title=_("Invitation to join %(cohort)s"),
        body=_(
            "%(name)s invites you. Open the link to choose your password and join. Or, on the "
            'sign-in page, tap "I have an invitation code" and type %(code)s.'
        ),
        ttl=datetime.timedelta(days=14),
        audience=participants,
        reach="direct",
        secret=True,
    )
    for name, reach in ((COHORT_MESSAGE, "inbox"), (COHORT_MESSAGE_IMPORTANT, "direct")):
        kinds.register(
            name,
            label=_("Messages from my facilitator"),
            title=_("%(name)s (%(cohort)s)"),
            body=_("%(text)s"),
            ttl=datetime.timedelta(days=3),
            urgency="high" if reach == "direct" else "normal",
            audience=participants,
            reach=reach,
        )
    kinds.register(
        ASSIGNED,
        label=_("New assignments"),
        title=_("New assignment: %(title)s"),
        body=_("Due %(due)s."),
        ttl=datetime.timedelta(days=2),
        audience=participants,
    )
    kinds.register(
        ASSIGNED_ON_JOINING,
        label=_("New assignments"),  # the same switch as one new assignment
        title=_("Assignments for you in %(cohort)s"),
        body=_("%(count)s to do: %(titles)s. The first is due %(due)s."),
        ttl=datetime.timedelta(days=2),
        audience=participants,
    )
    kinds.register(
        DUE_24H,
        label=_("Assignment reminders"),
        title=_("Assignment due tomorrow"),
        body=_("%(title)s is due %(due)s."),
        ttl=datetime.timedelta(hours=24),
        urgency="normal",
        audience=participants,
        min_lead=datetime.timedelta(hours=2),
        refresh=_not_submitted,
    )
    kinds.register(
        FEEDBACK,
        label=_("Feedback on my work"),
        title=_("Feedback on %(title)s"),
        body=_("%(decision)s"),
        ttl=datetime.timedelta(days=2),
        audience=participants,
    )
    kinds.register(
        REVIEW_DIGEST,
        label=_("Daily summary of work to review"),
        title=_("Work waiting for your review"),
        body=_("%(count)s submissions are waiting, %(new)s new since yesterday."),
        ttl=datetime.timedelta(hours=12),
        urgency="low",
        audience=(Role.FACILITATOR,),
    )


def _url(user, name: str, *args) -> str:
    with translation.override(user.preferred_language or "id"):
        return reverse(name, args=args)


@receiver(signals.assignment_assigned, dispatch_uid="notifications-assignment-assigned")
def on_assignment_assigned(sender, assignment: Assignment, participants, **kwargs) -> None:
    for participant in participants:
        url = _url(participant, "learning:assignment", assignment.pk)
        params = {"title": assignment.title, "due": assignment.due_at}
        services.notify(
            recipient=participant, kind=ASSIGNED, url=url, params=params, obj=assignment
        )
        _schedule_due_reminder(participant, assignment, url)


def _schedule_due_reminder(participant, assignment: Assignment, url: str) -> None:
    remind_at = assignment.due_at - datetime.timedelta(hours=24)
    if remind_at > timezone.now():
        services.reminder_schedule(
            recipient=participant,
            kind=DUE_24H,
            obj=assignment,
            at=remind_at,
            url=url,
            params={"title": assignment.title, "due": assignment.due_at},
            expires_at=assignment.due_at,
        )


@receiver(signals.assignments_on_joining, dispatch_uid="notifications-assignments-on-joining")
def on_assignments_on_joining(sender, participant, cohort, assignments, **kwargs) -> None:
    """A newcomer hears once about the work with time left (the service leaves out the rest)."""
    if len(assignments) == 1:
        on_assignment_assigned(sender, assignment=assignments[0], participants=[participant])
        return
    services.notify(
        recipient=participant,
        kind=ASSIGNED_ON_JOINING,
        url=_url(participant, "learning:assignments"),
        params={
            "cohort": cohort.name,
            "count": len(assignments),
            "titles": ", ".join(a.title for a in assignments)[:600],
            "due": assignments[0].due_at,
        },
        obj=cohort,
    )
    for assignment in assignments:
        url = _url(participant, "learning:assignment", assignment.pk)
        _schedule_due_reminder(participant, assignment, url)


@receiver(signals.invitation_sent, dispatch_uid="notifications-cohort-invitation")
def on_invitation_sent(
    sender, invitation: CohortInvitation, token: str = "", code: str = "", **kwargs
) -> None:
    person = invitation.person
    params = {
        "cohort": invitation.cohort.name,
        "name": invitation.invited_by.name if invitation.invited_by else "",
    }
    if token:
        services.notify(
            recipient=person,
            kind=INVITATION_LINK,
            url=_url(person, "learning:invited_link", token),
            params={**params, "code": code},
            obj=invitation,
            expires_at=invitation.expires_at,
        )
        return
    services.notify(
        recipient=person,
        kind=INVITATION,
        url=_url(person, "learning:invitation", invitation.pk),
        params=params,
        obj=invitation,
        expires_at=invitation.expires_at,
    )


@receiver(signals.cohort_message_sent, dispatch_uid="notifications-cohort-message")
def on_cohort_message_sent(sender, message: CohortMessage, participants, **kwargs) -> None:
    kind = COHORT_MESSAGE_IMPORTANT if message.important else COHORT_MESSAGE
    params = {
        "name": message.sent_by.name if message.sent_by else "",
        "cohort": message.cohort.name,
        "text": message.text,
    }
    for participant in participants:
        services.notify(
            recipient=participant,
            kind=kind,
            url=f"/{participant.preferred_language or 'id'}/",
            params=params,
            obj=message,
        )


@receiver(signals.submission_submitted, dispatch_uid="notifications-submission-submitted")
def on_submission_submitted(sender, submission: Submission, **kwargs) -> None:
    # Sent something: no "due tomorrow" reminder for this one any more.
    services.reminders_cancel(
        obj=submission.assignment, kind=DUE_24H, recipient=submission.participant
    )


@receiver(signals.submission_reviewed, dispatch_uid="notifications-submission-reviewed")
def on_submission_reviewed(sender, review: Review, **kwargs) -> None:
    review = Review.objects.select_related("submission__assignment", "submission__participant").get(
        pk=review.pk
    )
    participant = review.submission.participant
    assignment = review.submission.assignment
    with translation.override(participant.preferred_language or "id"):
        decision = (
            _("Accepted. Well done!")
            if review.decision == Review.Decision.ACCEPT
            else _("Please revise and send it again.")
        )
        decision = str(decision)
    services.notify(
        recipient=participant,
        kind=FEEDBACK,
        url=_url(participant, "learning:assignment", assignment.pk),
        params={"title": assignment.title, "decision": decision},
        obj=review.submission,
    )


def collect_review_digest(user) -> tuple[str, dict] | None:
    """What a facilitator has to review today, if anything."""
    waiting = selectors.review_queue(user=user)
    count = waiting.count()
    if not count:
        return None
    since = timezone.now() - datetime.timedelta(days=1)
    new = waiting.filter(submitted_at__gte=since).count()
    return _url(user, "learning:review_queue"), {"count": count, "new": new}


register_kinds()
digests.register(REVIEW_DIGEST, role=Role.FACILITATOR, collect=collect_review_digest)
