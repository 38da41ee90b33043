from .disability import Difficulty, DisabilityAnswers
from .districts import (
    DISTRICT_TIME_ZONES,
    District,
    DistrictField,
    district_choices,
    district_names,
    district_time_zone,
)
from .pages import HomePage, LessonPage, ModulePage, ProgrammePage, StageKind, StagePage
from .sign_in_codes import SignInCode
from .users import (
    AgeBand,
    MigrantStatus,
    Role,
    Sex,
    TimeZoneChoice,
    User,
)

__all__ = [
    "DISTRICT_TIME_ZONES",
    "AgeBand",
    "Difficulty",
    "DisabilityAnswers",
    "District",
    "DistrictField",
    "HomePage",
    "LessonPage",
    "MigrantStatus",
    "ModulePage",
    "ProgrammePage",
    "Role",
    "Sex",
    "SignInCode",
    "StageKind",
    "StagePage",
    "TimeZoneChoice",
    "User",
    "district_choices",
    "district_names",
    "district_time_zone",
]
