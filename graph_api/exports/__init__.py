"""Exports offices use: the "phân công nhiệm vụ" table (:mod:`.table`) as Excel
(:mod:`.xlsx`) and CSV, and deadlines as an iCalendar feed (:mod:`.ics`)."""
