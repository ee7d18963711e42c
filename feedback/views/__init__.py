from .categories import category_deadlines, category_list
from .desk import (
    answer,
    attachment_download,
    complaint_detail,
    contact,
    desk_list,
    hand_over,
    link,
    officer_list,
    officer_withdraw,
    put_on_agenda,
    verify,
)
from .public import (
    complaint_form,
    complaint_lookup,
    complaint_status,
    follow_up,
    public_csv,
    public_page,
)

__all__ = [
    "category_deadlines",
    "category_list",
    "answer",
    "attachment_download",
    "complaint_detail",
    "complaint_form",
    "complaint_lookup",
    "complaint_status",
    "contact",
    "desk_list",
    "follow_up",
    "hand_over",
    "link",
    "officer_list",
    "officer_withdraw",
    "public_csv",
    "public_page",
    "put_on_agenda",
    "verify",
]
