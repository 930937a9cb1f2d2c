"""Due dates are the last day of the first dated period; no year, no due date."""

import pytest

from ingest.timeframes import from_phrase


@pytest.mark.parametrize(("text", "due", "recurrence"), [
    ("quý IV/2023", "2023-12-31", None),
    ("Trong quý I năm 2024", "2024-03-31", None),
    ("trong tháng 01 năm 2023", "2023-01-31", None),
    ("tháng 2/2024", "2024-02-29", None),
    ("trước ngày 31/5", None, None),
    ("từ nay đến hết ngày 31/12/2024", "2024-12-31", None),
    ("ban hành trong quý I/2023 và triển khai trong năm 2023", "2023-03-31", None),
    ("Thường xuyên", None, "ongoing"),
    ("Hằng năm", None, "yearly"),
    ("định kỳ 06 tháng", None, "half-yearly"),
    ("năm 2027", None, None),
    ("trong năm 2027", "2027-12-31", None),
])
def test_due_and_recurrence(text, due, recurrence):
    tf = from_phrase(text)
    assert (tf.due, tf.recurrence) == (due, recurrence)
