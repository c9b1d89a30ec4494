"""Campaigns: what is sent to whom and when, and everything a campaign's life needs.

``model`` (the table, statuses, the legal moves), ``lifecycle`` (what a
coordinator does to one), ``audience`` (who gets it), ``timeline`` and
``event_edit`` (the campaigns an event plans). The names most callers need are
here; the submodules are imported by name where they are used.
"""

from mailer.campaigns.lifecycle import (
    Changes,
    all_campaigns,
    cancel,
    check_segment_unused,
    check_segments,
    create,
    edit,
    get,
    pause,
    resend_uncertain,
    resume,
    schedule,
    validate,
    waiting_on_segment,
)
from mailer.campaigns.model import (
    DEFAULT_AUDIENCE,
    EDITABLE,
    KIND_LABELS,
    MAIN_LANGUAGE,
    MAX_SUBJECT,
    SECOND_LANGUAGE,
    STATUS_LABELS,
    Audience,
    Campaign,
    CampaignKind,
    CampaignStatus,
    check_transition,
    kind_label,
    languages,
    status_label,
    transition,
)

__all__ = [
    "DEFAULT_AUDIENCE",
    "EDITABLE",
    "KIND_LABELS",
    "MAIN_LANGUAGE",
    "MAX_SUBJECT",
    "SECOND_LANGUAGE",
    "STATUS_LABELS",
    "Audience",
    "Campaign",
    "CampaignKind",
    "CampaignStatus",
    "Changes",
    "all_campaigns",
    "cancel",
    "check_segment_unused",
    "check_segments",
    "check_transition",
    "create",
    "edit",
    "get",
    "kind_label",
    "languages",
    "pause",
    "resend_uncertain",
    "resume",
    "schedule",
    "status_label",
    "transition",
    "validate",
    "waiting_on_segment",
]
