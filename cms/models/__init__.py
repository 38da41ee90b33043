from .pages import HomePage, LessonPage, ModulePage, ProgrammePage, StageKind, StagePage
from .users import (
    DISTRICT_TIME_ZONES,
    AgeBand,
    District,
    MigrantStatus,
    Role,
    Sex,
    TimeZoneChoice,
    User,
)

__all__ = [
    "DISTRICT_TIME_ZONES",
    "AgeBand",
    "District",
    "HomePage",
    "LessonPage",
    "MigrantStatus",
    "ModulePage",
    "ProgrammePage",
    "Role",
    "Sex",
    "StageKind",
    "StagePage",
    "TimeZoneChoice",
    "User",
]
