"""The exit plan's calendar file, read by a maintained iCalendar library (icalendar, pinned in
requirements-test.txt).

Node builds the file with the browser's own pure modules (documents/notice-dates.js, exit-plan.js, ics.js),
exactly as the page will; Python parses the bytes with icalendar and checks what a calendar application would
import: the calendar's properties, one all-day event per step with its dates, UIDs and texts (Norwegian
letters, long lines, the characters TEXT escapes), and the raw form (CRLF, lines of at most 75 octets).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from icalendar import Calendar

from playbook.blocks.planner import documents

ROOT = Path(__file__).resolve().parents[2]

NODE_SCRIPT = """
import { noticeEndDate } from "./overrides/assets/javascripts/documents/notice-dates.js";
import { exitPlan, planEvents } from "./overrides/assets/javascripts/documents/exit-plan.js";
import { buildCalendar } from "./overrides/assets/javascripts/documents/ics.js";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { notice, plan, titles, descriptions, stamp, seed, name } = JSON.parse(input);
const end = noticeEndDate(notice);
if (!end.ok) throw new Error(JSON.stringify(end));
const planned = exitPlan({ ...plan, noticeDate: notice.noticeDate, endDate: end.endDate });
if (!planned.ok) throw new Error(JSON.stringify(planned));
const events = planEvents(planned.steps, titles, descriptions);
const calendar = buildCalendar({ events, stamp, seed, name });
if (!calendar.ok) throw new Error(JSON.stringify(calendar));
process.stdout.write(JSON.stringify({ endDate: end.endDate, steps: planned.steps, ics: calendar.text }));
"""

STEP_IDS = list(documents.PLAN_STEPS)  # the build's list; a unit test holds it to exit-plan.js
LONG = (
    "Overlever filer, dokumentasjon, domener, hosting og analyseverktøy i kundens eget navn; "
    "passord deles gjennom passordbehandleren, aldri på e-post \u2013 og kunden bytter dem etterpå"
)
TITLES = {f"plan.{step}": f"Steg «{step}»: {LONG}" for step in STEP_IDS}
TITLES["plan.call"] = "Samtalen med Fjordlys AS; ring, ikke send e-post"
TITLES["plan.settle"] = "Sluttfaktura eller kreditnota, 25 % mva., ref. faktura 2027-014 \\ K-1"
DESCRIPTIONS = {
    "plan.send_notice": (
        "Send oppsigelsen samme dag.\nBe om bekreftelse på at den er mottatt.\r\nTa vare på en kopi."
    )
}
SEED = "7c9e6679-7425-40de-944b-e07fc1f90ae7"


def build(notice: dict, plan: dict | None = None, name: str | None = "Avslutningsplan") -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the calendar file cannot be built (make test needs Node 20)")
    payload = {
        "notice": notice,
        "plan": plan or {},
        "titles": TITLES,
        "descriptions": DESCRIPTIONS,
        "stamp": "2027-03-01T09:15:30Z",
        "seed": SEED,
        "name": name,
    }
    result = subprocess.run(
        [node, "--input-type=module", "-e", NODE_SCRIPT],
        cwd=ROOT,
        input=json.dumps(payload).encode(),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    out = json.loads(result.stdout)
    out["bytes"] = out["ics"].encode("utf-8")
    return out


def parse(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    assert not calendar.errors, calendar.errors
    for component in calendar.walk():
        assert not component.errors, component.errors
    return calendar


def events_by_uid(calendar: Calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def iso(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def notice(date: str, period: int, unit: str, convention: str) -> dict:
    return {"noticeDate": date, "period": period, "unit": unit, "convention": convention}


MONTH_END = notice("2027-03-10", 1, "months", "month_end")


def test_the_calendar_properties():
    calendar = parse(build(MONTH_END)["bytes"])
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Client exit playbook//Exit plan//EN"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Avslutningsplan"


def test_one_all_day_event_per_step_with_its_dates():
    out = build(MONTH_END)
    assert out["endDate"] == "2027-04-30"
    events = events_by_uid(parse(out["bytes"]))
    assert list(events) == [f"{SEED}-{step['id']}" for step in out["steps"]]
    for step in out["steps"]:
        event = events[f"{SEED}-{step['id']}"]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        # all-day: dates, not datetimes, marked VALUE=DATE
        assert type(start) is dt.date and type(end) is dt.date
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert start == iso(step["date"])
        assert end == iso(step.get("endDate", step["date"])) + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == dt.datetime(2027, 3, 1, 9, 15, 30, tzinfo=dt.UTC)
        assert str(event["SUMMARY"]) == TITLES[step["titleKey"]]
        assert str(event["TRANSP"]) == "TRANSPARENT"
    period = events[f"{SEED}-notice_period"]
    assert (period.decoded("DTSTART"), period.decoded("DTEND")) == (dt.date(2027, 3, 11), dt.date(2027, 5, 1))
    assert events[f"{SEED}-last_day"].decoded("DTSTART") == dt.date(2027, 4, 30)
    assert events[f"{SEED}-read_contract"].decoded("DTSTART") == dt.date(2027, 3, 5)
    assert events[f"{SEED}-close"].decoded("DTSTART") == dt.date(2027, 5, 30)


def test_texts_come_back_exactly():
    events = events_by_uid(parse(build(MONTH_END)["bytes"]))
    assert str(events[f"{SEED}-call"]["SUMMARY"]) == "Samtalen med Fjordlys AS; ring, ikke send e-post"
    assert str(events[f"{SEED}-settle"]["SUMMARY"]) == TITLES["plan.settle"]
    assert str(events[f"{SEED}-send_notice"]["DESCRIPTION"]) == (
        "Send oppsigelsen samme dag.\nBe om bekreftelse på at den er mottatt.\nTa vare på en kopi."
    )
    assert "DESCRIPTION" not in events[f"{SEED}-call"]


def test_raw_form_crlf_and_75_octet_lines():
    data = build(MONTH_END)["bytes"]
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "the long Norwegian titles are folded"
    for line in lines:
        line.decode("utf-8")  # a fold never splits a character


@pytest.mark.parametrize(
    ("notice", "last_day"),
    [
        (notice("2027-01-31", 1, "months", "notice_date"), "2027-02-28"),
        (notice("2028-01-31", 1, "months", "notice_date"), "2028-02-29"),
        (notice("2027-12-15", 14, "days", "month_end"), "2028-01-14"),
        (notice("2027-11-20", 2, "weeks", "notice_date"), "2027-12-04"),
        (notice("2027-11-30", 3, "months", "month_end"), "2028-02-29"),
    ],
)
def test_end_dates_across_month_and_year_ends(notice, last_day):
    events = events_by_uid(parse(build(notice)["bytes"]))
    assert events[f"{SEED}-last_day"].decoded("DTSTART") == iso(last_day)
    assert events[f"{SEED}-last_day"].decoded("DTEND") == iso(last_day) + dt.timedelta(days=1)
    period = events[f"{SEED}-notice_period"]
    assert period.decoded("DTEND") == iso(last_day) + dt.timedelta(days=1)


def test_stop_now_has_no_notice_period():
    out = build(MONTH_END, plan={"stopNow": True}, name=None)
    calendar = parse(out["bytes"])
    assert "X-WR-CALNAME" not in calendar
    events = events_by_uid(calendar)
    assert f"{SEED}-notice_period" not in events
    assert events[f"{SEED}-stop_now_in_writing"].decoded("DTSTART") == dt.date(2027, 3, 10)
    assert events[f"{SEED}-last_day"].decoded("DTSTART") == dt.date(2027, 3, 10)
