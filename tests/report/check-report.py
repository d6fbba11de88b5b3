#!/usr/bin/python3
"""Reads Samordna's Excel reports back with an independent reader.

Usage: check-report.py SAMORDNA FIXTURE MODE

SAMORDNA is the samordna binary, FIXTURE the sam-report-fixture tool that
writes a test database. MODE is one of:

  readback   reports for several scopes in both languages, compared cell by
             cell with what the database says (sqlite3, computed here)
  locale     the same report under LC_ALL=C and LC_ALL=nb_NO.UTF-8 holds
             exactly the same values
  failures   each failure leaves no file behind, never touches an existing
             file, and says why in one line; and `samordna check`
  print      two reports printed to PDF by LibreOffice: every page names
             the scope, period and date, its text is 7 pt or more, and no
             number shows as ###

Every command runs with DISPLAY and WAYLAND_DISPLAY unset. Exits 77 (skip)
when python3-openpyxl or, for MODE locale, the nb_NO.UTF-8 locale is
missing; MODE print fails when LibreOffice or poppler-utils is missing
(build-aux/dev.sh installs them).
"""

import copy
import datetime
import math
import os
import pwd
import shutil
import xml.etree.ElementTree
import re
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

try:
    import openpyxl
except ImportError:
    print("python3-openpyxl is missing; skipping")
    sys.exit(77)

SAMORDNA, FIXTURE, MODE = sys.argv[1], sys.argv[2], sys.argv[3]
TODAY = "2026-05-15"
FAILURES = []

STATUS = {
    "en": {"planned": "Planned", "in_progress": "In progress", "done": "Done",
           "delayed": "Delayed", "cancelled": "Cancelled", "open": "Registration open",
           "held": "Held"},
    "nb": {"planned": "Planlagt", "in_progress": "Pågår", "done": "Fullført",
           "delayed": "Forsinket", "cancelled": "Avlyst", "open": "Påmelding åpen",
           "held": "Gjennomført"},
}
SHEETS = {
    "en": ["Summary", "Changes", "Activities", "Responsibility", "Coverage", "Seminars",
           "Participants by sector", "Status history"],
    "nb": ["Sammendrag", "Endringer", "Aktiviteter", "Ansvar", "Dekning", "Seminarer",
           "Deltakere per sektor", "Statushistorikk"],
}
SUMMARY, CHANGES, ACTIVITIES, RESPONSIBILITY, COVERAGE, SEMINARS, PARTICIPANTS, HISTORY = range(8)
# Every sheet in the workbook's order; SHEETS above keeps the older sheets'
# indexes for the checks that address them.
ALL_SHEETS = {
    "en": ["Summary", "Changes", "Follow-up", "Obligations", "Knowledge and goals", "Activities", "Responsibility", "Coverage",
           "Seminars", "Participants by sector", "Status history"],
    "nb": ["Sammendrag", "Endringer", "Oppfølging", "Forpliktelser", "Kunnskap og mål", "Aktiviteter", "Ansvar", "Dekning",
           "Seminarer", "Deltakere per sektor", "Statushistorikk"],
}
NEW = {"en": {"follow": "Follow-up", "obligations": "Obligations", "knowledge": "Knowledge and goals"},
       "nb": {"follow": "Oppfølging", "obligations": "Forpliktelser", "knowledge": "Kunnskap og mål"}}
LIGHTS = {"en": ("Red", "Amber", "Green"), "nb": ("Rød", "Gul", "Grønn")}
YES = {"en": ("Yes", "No"), "nb": ("Ja", "Nei")}
MEASURE = {"en": "Measure", "nb": "Tiltak"}


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL:", message)
    return condition


def environment(lc_all):
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["LC_ALL"] = lc_all
    return env


def run(args, lc_all=None, extra_env=None):
    lc = lc_all or os.environ.get("LC_ALL", "C.UTF-8")
    env = environment(lc)
    env.update(extra_env or {})
    return subprocess.run([SAMORDNA] + args, env=env, capture_output=True, text=True)


def clean(text):
    """What a report cell holds for @text: control characters replaced."""
    if text is None or text == "":
        return None
    return "".join("\ufffd" if (ord(c) < 32 and c not in "\t\n\r") else c for c in text)


def day(iso):
    if not iso:
        return None
    return datetime.datetime.strptime(iso[:10], "%Y-%m-%d")


def moment(iso):
    if not iso:
        return None
    return datetime.datetime.strptime(iso[:16].replace("T", " "), "%Y-%m-%d %H:%M")


# What the database says, computed here from SQL of our own

class Database:
    def __init__(self, path):
        self.db = sqlite3.connect(path)
        self.db.row_factory = sqlite3.Row
        q = self.query
        self.agencies = {r["id"]: r for r in q("SELECT * FROM agency")}
        self.children = {}
        for a in self.agencies.values():
            self.children.setdefault(a["parent_id"], []).append(a["id"])
        self.activities = {r["id"]: r for r in q(
            "SELECT a.*, p.measure_id, p.title AS plan_title, p.kind AS plan_kind, p.start_date AS plan_start, "
            "p.end_date AS plan_end, "
            "m.number AS measure_number, m.title AS measure_title, m.focus_area_id, f.number AS focus_number "
            "FROM activity a JOIN plan p ON p.id = a.plan_id JOIN measure m ON m.id = p.measure_id "
            "LEFT JOIN focus_area f ON f.id = m.focus_area_id")}
        self.partners = self.links("activity_partner", "agency_id")
        self.sectors = self.links("activity_sector", "sector_id")
        self.groups = self.links("activity_target_group", "target_group_id")
        self.names = {
            "agency": {r["id"]: r["name"] for r in q("SELECT id, name FROM agency")},
            "sector": {r["id"]: r["name"] for r in q("SELECT id, name FROM sector")},
            "group": {r["id"]: r["name"] for r in q("SELECT id, name FROM target_group")},
        }
        self.english = {
            "agency": {r["id"]: r["name_en"] for r in q("SELECT id, name_en FROM agency") if r["name_en"]},
            "sector": {r["id"]: r["name_en"] for r in q("SELECT id, name_en FROM sector") if r["name_en"]},
            "group": {r["id"]: r["name_en"] for r in q("SELECT id, name_en FROM target_group") if r["name_en"]},
            "measure": {r["id"]: r["title_en"] for r in q("SELECT id, title_en FROM measure") if r["title_en"]},
        }
        self.periods = q("SELECT * FROM reporting_period")
        self.sector_ministry = {r["id"]: r["ministry_id"] for r in q("SELECT id, ministry_id FROM sector")}

    def in_language(self, lang):
        """This database as a report in @lang names it: in English, the
        English names of measures, agencies, sectors and target groups
        where they have one."""
        if lang != "en":
            return self
        other = copy.copy(self)
        other.names = {kind: {**names, **self.english[kind]} for kind, names in self.names.items()}
        other.activities = {i: dict(a, measure_title=self.english["measure"].get(a["measure_id"], a["measure_title"]))
                            for i, a in self.activities.items()}
        return other

    def duties(self, i):
        """Sector responsibility: for a live activity that names no lead, the
        ministries of its sectors in the order of their first sector, each
        with the names of its sectors there."""
        a = self.activities[i]
        result = []
        if a["lead_agency_id"] is not None or status_of(a) == "cancelled":
            return result
        for sector in self.sectors.get(i, []):
            ministry = self.sector_ministry.get(sector)
            if ministry is None:
                continue
            found = [d for d in result if d[0] == ministry]
            if found:
                found[0][1].append(self.names["sector"][sector])
            else:
                result.append((ministry, [self.names["sector"][sector]]))
        return result

    def duty_text(self, i):
        parts = []
        for ministry, sectors in self.duties(i):
            agency = self.agencies[ministry]
            parts.append("%s (%s)" % (agency["short_name"] or agency["name"], ", ".join(sectors)))
        return "; ".join(parts) or None

    def answers_by_sector(self, i, members):
        """Does activity i, naming no lead, fall to one of @members by sector
        responsibility, whatever its status (as a scope counts it)?"""
        a = self.activities[i]
        return a["lead_agency_id"] is None and any(
            self.sector_ministry.get(s) in members for s in self.sectors.get(i, []))

    def query(self, sql, *args):
        return self.db.execute(sql, args).fetchall()

    def links(self, table, column):
        result = {}
        for r in self.query("SELECT activity_id, %s FROM %s ORDER BY activity_id, position" % (column, table)):
            result.setdefault(r[0], []).append(r[1])
        return result

    def subtree(self, top):
        found, todo = set(), [top]
        while todo:
            a = todo.pop()
            if a not in found:
                found.add(a)
                todo.extend(self.children.get(a, []))
        return found

    def agency_by_short(self, short):
        return [a for a in self.agencies.values() if (a["short_name"] or "").lower() == short.lower()][0]["id"]

    def scope(self, spec):
        """Returns (activity ids, agency ids or None, measure ids or None, plan ids or None)."""
        acts = self.activities
        if spec in (None, "strategy"):
            return set(acts), None, None, None
        kind, value = spec.split(":", 1)
        if kind == "focus-area":
            fa = self.query("SELECT id FROM focus_area WHERE number = ?", int(value))[0][0]
            measures = {r[0] for r in self.query("SELECT id FROM measure WHERE focus_area_id = ?", fa)}
        elif kind == "measure":
            measures = {r[0] for r in self.query("SELECT id FROM measure WHERE number = ?", int(value))}
        elif kind == "plan":
            plan = int(value)
            measures = {r[0] for r in self.query("SELECT measure_id FROM plan WHERE id = ?", plan)}
            return {i for i, a in acts.items() if a["plan_id"] == plan}, None, measures, {plan}
        else:
            top = self.agency_by_short(value)
            members = {top} if kind == "agency" else self.subtree(top)
            ids = {i for i, a in acts.items()
                   if a["lead_agency_id"] in members or members & set(self.partners.get(i, []))
                   or self.answers_by_sector(i, members)}
            return ids, members, None, None
        plans = {r[0] for r in self.query("SELECT id, measure_id FROM plan") if r[1] in measures}
        return {i for i, a in acts.items() if a["measure_id"] in measures}, None, measures, plans

    def seminars(self, spec, activity_ids, members):
        rows = self.query("SELECT * FROM seminar")
        if spec in (None, "strategy"):
            return {r["id"] for r in rows}
        partners = self.query("SELECT seminar_id, agency_id FROM seminar_partner")
        result = set()
        for r in rows:
            if r["activity_id"] in activity_ids:
                result.add(r["id"])
            elif members and (r["organiser_id"] in members
                              or any(s == r["id"] and a in members for s, a in partners)):
                result.add(r["id"])
        return result


def status_of(activity):
    s = activity["status"]
    return s if s in ("in_progress", "done", "delayed", "cancelled") else "planned"


# As at a period (README, "How Samordna counts"), computed here again

def period_key(db, code):
    """Periods come by their earliest start (none first), then code."""
    starts = [p["start_date"] for p in db.periods if p["code"] == code and p["start_date"]]
    return (min(starts) if starts else "", code or "")


def period_end(db, code):
    ends = [p["end_date"] for p in db.periods if p["code"] == code and p["end_date"]]
    return max(ends) if ends else None


MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "nb": ["jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des."],
}


def describe_period(db, code, lang):
    """"2026-T2 (1 May – 31 Aug 2026)", in Norwegian "2026-T2 (1. mai – 31. aug. 2026)"."""
    start = period_key(db, code)[0]
    end = period_end(db, code)
    if not start or not end:
        return code

    def text(iso, year):
        d, m = int(iso[8:10]), MONTHS[lang][int(iso[5:7]) - 1]
        return ("%d. %s" if lang == "nb" else "%d %s") % (d, m) + (" " + iso[:4] if year else "")
    return "%s (%s – %s)" % (code, text(start, start[:4] != end[:4]), text(end, True))


def judged_on(db, period):
    """The end of the period, or today while it has not ended."""
    end = period_end(db, period) if period else None
    return end if end and end <= TODAY else TODAY


def as_at(db, a, period):
    """Activity @a as at @period: (status, progress, comment, comment's period,
    due date, reported, progress change, lead)."""
    if not period:
        return status_of(a), a["progress"], None, None, a["due_date"], False, None, a["lead_agency_id"]
    key = period_key(db, period)
    judged = judged_on(db, period)
    updates = [u for u in db.query(
        "SELECT su.*, rp.code FROM status_update su JOIN reporting_period rp ON rp.id = su.period_id "
        "WHERE su.activity_id = ?", a["id"]) if period_key(db, u["code"]) <= key]
    updates.sort(key=lambda u: (period_key(db, u["code"]), u["reported_at"] or "", u["id"]), reverse=True)
    own = {"status": a["status"], "progress": a["progress"], "due_date": a["due_date"],
           "lead_agency_id": a["lead_agency_id"]}
    last_edit = ""
    for c in db.query("SELECT * FROM activity_change WHERE activity_id = ? AND field IN ('status', 'progress', "
                      "'due_date', 'lead_agency_id') AND changed_at IS NOT NULL ORDER BY changed_at DESC, id DESC",
                      a["id"]):
        if c["changed_at"][:10] > judged:
            own[c["field"]] = c["old_value"]
        elif c["field"] in ("status", "progress"):
            last_edit = max(last_edit, c["changed_at"][:10])
    lead = int(own["lead_agency_id"]) if own["lead_agency_id"] is not None else None
    progress = int(own["progress"]) if own["progress"] is not None else None
    status = status_of({"status": own["status"]})
    reported = any(u["code"] == period for u in updates)
    comment = code = change = None
    if updates:
        u = updates[0]
        comment, code = u["comment"], u["code"]
        stands_from = period_end(db, u["code"]) or (u["reported_at"] or "")[:10]
        if not (last_edit and stands_from and last_edit > stands_from):
            status, progress = status_of(u), u["progress"]
            if len(updates) > 1 and u["progress"] is not None and updates[1]["progress"] is not None:
                change = u["progress"] - updates[1]["progress"]
    return status, progress, comment, code, own["due_date"], reported, change, lead


def nulls_first(value):
    """A sort key that puts NULL before every value, as SQLite does."""
    return (value is not None, value)


def activity_order(db, ids):
    """The order in which the Activities and Status history sheets list the
    activities @ids: by focus area, measure, plan (by start) and id."""
    def key(i):
        a = db.activities[i]
        return (nulls_first(a["focus_number"]), a["focus_area_id"], nulls_first(a["measure_number"]),
                a["measure_id"], nulls_first(a["plan_start"]), a["plan_id"], i)
    return sorted(ids, key=key)


def sheet_rows(ws, first=2):
    return [list(r) for r in ws.iter_rows(min_row=first, values_only=True)]


# Read back

def check_activities(db, ws, ids, lang, period, tag):
    rows = {r[0]: r for r in sheet_rows(ws) if r[0] is not None}
    check(set(rows) == ids, "%s: activities %s, expected %s" % (tag, sorted(rows), sorted(ids)))
    order = [r[0] for r in sheet_rows(ws) if r[0] is not None]
    check(order == activity_order(db, ids), "%s: activities in the order %r, expected %r"
          % (tag, order, activity_order(db, ids)))
    judged = judged_on(db, period)
    for i in ids & set(rows):
        a, r = db.activities[i], rows[i]
        names = db.names
        status, progress, comment, code, due, reported, change, lead = as_at(db, a, period)
        overdue = bool(due) and due < judged and status not in ("done", "cancelled")
        task = db.query("SELECT title FROM priority_task WHERE id = ?", a["priority_task_id"])
        channels = [x[0] for x in db.query("SELECT channel FROM activity_channel WHERE activity_id = ? ORDER BY position", i)]
        languages = [x[0] for x in db.query("SELECT language FROM activity_language WHERE activity_id = ? ORDER BY position", i)]
        expected = [
            i, a["measure_number"], clean(a["title"]), a["measure_title"], a["plan_title"], None,
            clean(a["description"]), task[0][0] if task else None, None,
            names["agency"].get(lead),
            "; ".join(names["agency"][x] for x in db.partners.get(i, [])) or None,
            db.duty_text(i),
            "; ".join(names["sector"][x] for x in db.sectors.get(i, [])) or None,
            "; ".join(names["group"][x] for x in db.groups.get(i, [])) or None,
            clean(a["message"]), "; ".join(channels) or None, "; ".join(languages) or None,
            day(a["start_date"]), day(due), STATUS[lang][status], progress,
            YES[lang][0 if overdue else 1], (YES[lang][0 if reported else 1]) if period else None,
            clean(comment), code, change,
        ]
        for col, value in enumerate(expected):
            if col in (5, 8):      # plan kind and sector scope: labels, checked for being set below
                continue
            check(r[col] == value, "%s: activity %d column %d is %r, expected %r" % (tag, i, col, r[col], value))
        check(r[5] not in (None, a["plan_kind"]) or a["plan_kind"] is None,
              "%s: activity %d plan kind %r is not translated" % (tag, i, r[5]))


def runs_in(db, a, period, due=None):
    """Whether activity @a, due @due as at @period, runs in @period (a code): it
    starts on or before the period's end and is due on or after its start, its
    plan's dates standing in for missing ones of its own (README, "How Samordna
    counts")."""
    rows = [p for p in db.periods if p["code"] == period]
    starts = [p["start_date"] for p in rows if p["start_date"]]
    ends = [p["end_date"] for p in rows if p["end_date"]]
    start = a["start_date"] or a["plan_start"]
    due = due or a["plan_end"]
    if start and ends and start > max(ends):
        return False
    if due and starts and due < min(starts):
        return False
    return True


def summary_table(rows):
    """The index of the Summary's header row of the measures' table in
    @rows, and the table's rows."""
    header = rows.index(next(r for r in rows if r[0] in ("Measure", "Tiltak")))
    table = []
    for r in rows[header + 1:]:
        if not isinstance(r[0], int):
            break
        table.append(r)
    return header, table


def check_summary(db, ws, ids, measures, lang, period, tag, drop_empty=False):
    rows = sheet_rows(ws, 1)
    check(rows[0][0] in ("Progress report", "Fremdriftsrapport"), "%s: summary title %r" % (tag, rows[0][0]))
    check(rows[3][1] == describe_period(db, period, lang), "%s: period %r, expected %r"
          % (tag, rows[3][1], describe_period(db, period, lang)))
    check(rows[4][1] == day(TODAY), "%s: written %r" % (tag, rows[4][1]))
    header, table = summary_table(rows)
    expected_measures = db.query("SELECT m.id, m.number FROM measure m LEFT JOIN focus_area f ON f.id = m.focus_area_id "
                                 "ORDER BY f.number, f.id, m.number, m.id")
    expected_measures = [m for m in expected_measures if measures is None or m["id"] in measures]
    if drop_empty:
        # An agency's or a ministry's report: only the measures it has activities in.
        expected_measures = [m for m in expected_measures
                             if any(db.activities[i]["measure_id"] == m["id"] for i in ids)]
    check([r[0] for r in table] == [m["number"] for m in expected_measures],
          "%s: summary measures %r" % (tag, [r[0] for r in table]))
    totals = [0] * 11
    for r, m in zip(table, expected_measures):
        acts = [db.activities[i] for i in ids if db.activities[i]["measure_id"] == m["id"]]
        facts = [(a, as_at(db, a, period)) for a in acts]
        by = [sum(1 for a, f in facts if f[0] == s) for s in ("planned", "in_progress", "done", "delayed", "cancelled")]
        live = [(a, f) for a, f in facts if f[0] != "cancelled"]
        open_ = [(a, f) for a, f in live if f[0] != "done"]
        judged = judged_on(db, period)
        overdue = sum(1 for a, f in open_ if f[4] and f[4] < judged)
        not_reported = sum(1 for a, f in open_ if runs_in(db, a, period, f[4]) and not f[5]) if period else None
        check(r[2:7] == by and r[7] == len(acts), "%s: measure %d counts %r, expected %r" % (tag, m["number"], r[2:8], by))
        if live:
            average = sum(f[1] or 0 for a, f in live) / len(live)
            check(abs(r[8] - average) < 1e-9, "%s: measure %d average %r, expected %r" % (tag, m["number"], r[8], average))
        check(r[9] == overdue and r[10] == not_reported,
              "%s: measure %d overdue/not reported %r, expected %r" % (tag, m["number"], r[9:11], (overdue, not_reported)))
        for c in range(2, 11):
            totals[c] += r[c] or 0
    total = rows[header + 1 + len(table)]
    check(total[0] in ("Total", "Totalt"), "%s: no totals row" % tag)
    for c in (2, 3, 4, 5, 6, 7, 9, 10):
        check(not table or total[c] == totals[c], "%s: total column %d is %r, expected %r" % (tag, c, total[c], totals[c]))
    # Changes in percentage points do not add up, nor do the lights: the
    # totals row leaves both empty rather than show a sum a reader takes
    # for the whole strategy's change.
    check(len(total) < 13 or (total[11] is None and total[12] is None),
          "%s: totals row has %r under change and light, expected nothing" % (tag, total[11:13]))


def check_summary_targets(db, ws, year, tag):
    """The seminar target is judged on the whole strategy's seminars,
    whatever the scope, and says so."""
    rows = sheet_rows(ws, 1)
    heading = [i for i, r in enumerate(rows[:-1]) if isinstance(r[0], str) and str(year) in r[0]
               and ("whole strategy" in " ".join(str(x) for x in rows[i + 1] if x) + r[0]
                    or "hele strategien" in (" ".join(str(x) for x in rows[i + 1] if x) + r[0]).lower())]
    if not check(heading, "%s: no heading says the seminar targets are the whole strategy's in %d" % (tag, year)):
        return
    header = next(i for i in range(heading[0], len(rows)) if rows[i][0] == "Format")
    got = {}
    for r in rows[header + 1:]:
        if r[0] is None:
            break
        got[r[0]] = r[2:5]
    formats = db.query("SELECT id, name FROM seminar_format")
    want = {}
    for f in formats:
        seminars = db.query("SELECT coalesce(status, 'planned') AS s FROM seminar WHERE format_id = ? "
                            "AND substr(starts_at, 1, 4) = ?", f["id"], "%04d" % year)
        want[f["name"]] = [sum(1 for x in seminars if x["s"] == "held"),
                           sum(1 for x in seminars if x["s"] in ("planned", "open")),
                           sum(1 for x in seminars if x["s"] == "cancelled")]
    check(got == want, "%s: seminar targets %r, expected the whole strategy's %r" % (tag, got, want))


def check_summary_periods(db, ws, lang, period, tag):
    """Under the Summary's tables, every period up to the report's, with its dates."""
    rows = sheet_rows(ws, 1)
    want = sorted({p["code"] for p in db.periods if period_key(db, p["code"]) <= period_key(db, period)},
                  key=lambda code: period_key(db, code))
    heading = [i for i, r in enumerate(rows) if r[0] in ("Reporting periods up to this one",
                                                         "Rapporteringsperioder til og med denne")]
    if check(heading, "%s: the Summary lists no periods" % tag):
        got = [r[0] for r in rows[heading[0] + 1:heading[0] + 1 + len(want)]]
        check(got == [describe_period(db, code, lang) for code in want], "%s: periods %r" % (tag, got))


def check_responsibility(db, ws, ids, members, measures, plans, lang, tag, whole):
    rows = sheet_rows(ws, 1)
    titles, kinds = rows[1], rows[2]
    columns = {}
    plan_titles = {r["id"]: r["title"] for r in db.query("SELECT id, title FROM plan")}
    measure_numbers = {r["id"]: r["number"] for r in db.query("SELECT id, number FROM measure")}
    expected_measures = [m for m in measure_numbers if measures is None or m in measures]
    expected_plans = [p for p in plan_titles if plans is None or p in plans]
    for c in range(2, len(titles), 3):
        check(kinds[c] in ("Lead", "Ansvar") and kinds[c + 1] in ("Partner", "Samarbeid")
              and kinds[c + 2] in ("Sector resp.", "Sektoransvar"), "%s: lead/partner/sector header" % tag)
        columns[titles[c]] = c
    expected_agencies = set(db.agencies) if members is None else members
    counts = {}
    for key, where in [("measure_id", m) for m in expected_measures] + [("plan_id", p) for p in expected_plans]:
        live = [i for i in ids if db.activities[i][key] == where and status_of(db.activities[i]) != "cancelled"]
        title = "%s %d" % (MEASURE[lang], measure_numbers[where]) if key == "measure_id" else plan_titles[where]
        for a in expected_agencies:
            counts[(a, title)] = (sum(1 for i in live if db.activities[i]["lead_agency_id"] == a),
                                  sum(1 for i in live if a in db.partners.get(i, [])),
                                  sum(1 for i in live if any(d[0] == a for d in db.duties(i))))
    want = {"%s %d" % (MEASURE[lang], measure_numbers[m]) for m in expected_measures} | {plan_titles[p] for p in expected_plans}
    if not whole:
        # A report on part of the strategy leaves out what has no marks
        # there, but keeps a ministry over its agencies that have some.
        want = {t for t in want if any(counts[(a, t)] != (0, 0, 0) for a in expected_agencies)}
        marked = {a for a in expected_agencies if any(counts[(a, t)] != (0, 0, 0) for t in want)}
        expected_agencies = marked | ({ministry_of(db, a) for a in marked} & expected_agencies)
    check(set(columns) == want, "%s: responsibility columns %r, expected %r" % (tag, sorted(columns), sorted(want)))
    body = {r[1]: r for r in rows[3:] if r[1] is not None}
    check(set(body) == {db.names["agency"][a] for a in expected_agencies},
          "%s: responsibility rows %r, expected %r" % (tag, sorted(body),
                                                        sorted(db.names["agency"][a] for a in expected_agencies)))
    for a in expected_agencies:
        row = body.get(db.names["agency"][a])
        if row is None:
            continue
        for title, c in columns.items():
            want_cell = counts.get((a, title), (0, 0, 0))
            check((row[c] or 0, row[c + 1] or 0, row[c + 2] or 0) == want_cell,
                  "%s: %s × %s is %r, expected %r" % (tag, db.names["agency"][a], title, row[c:c + 3], want_cell))


def ministry_of(db, agency):
    """The nearest ministry up @agency's parents, itself included, or None."""
    seen = set()
    while agency is not None and agency not in seen:
        seen.add(agency)
        if db.agencies[agency]["kind"] == "ministry":
            return agency
        agency = db.agencies[agency]["parent_id"]
    return None


mixed_seen = 0


GAP_FILL = "FCE4D6"


def gap_shaded(ws, row, col):
    """An empty coverage cell is shaded as a gap: filled itself, or under a
    conditional format that fills blank cells."""
    fill = ws.cell(row=row, column=col).fill
    if fill is not None and fill.fill_type == "solid" and (fill.fgColor.rgb or "").endswith(GAP_FILL):
        return True
    coordinate = ws.cell(row=row, column=col).coordinate
    for cf in ws.conditional_formatting:
        if coordinate not in cf.sqref:
            continue
        for rule in cf.rules:
            f = rule.dxf.fill if rule.dxf is not None else None
            colours = [c.rgb for c in (f.fgColor, f.bgColor) if c is not None] if f is not None else []
            if rule.type == "containsBlanks" and any((c or "").endswith(GAP_FILL) for c in colours):
                return True
    return False


def check_coverage(db, ws, ids, plans, tag, whole):
    rows = sheet_rows(ws, 1)
    names = rows[2]
    sector_ids = {v: k for k, v in db.names["sector"].items()}
    plan_ids = {r["title"]: r["id"] for r in db.query("SELECT id, title FROM plan")}
    live = [i for i in ids if status_of(db.activities[i]) != "cancelled"]
    expected_plans = {p for p in plan_ids.values() if plans is None or p in plans}
    expected_sectors = set(sector_ids.values())
    if not whole:
        # Only the sectors and plans that the activities in scope reach
        # target groups in.
        expected_plans = {p for p in expected_plans if any(db.activities[i]["plan_id"] == p and db.groups.get(i)
                                                           for i in live)}
        expected_sectors = {s for s in expected_sectors if any(s in db.sectors.get(i, []) and db.groups.get(i)
                                                               for i in live)}
    got_plans = {plan_ids[n] for n in names[2:] if n in plan_ids}
    check(got_plans == expected_plans, "%s: coverage plan columns %r, expected %r" % (tag, sorted(got_plans),
                                                                                     sorted(expected_plans)))
    got_sectors = {sector_ids[n] for n in names[2:] if n in sector_ids}
    check(got_sectors == expected_sectors, "%s: coverage sector columns %r, expected %r"
          % (tag, sorted(got_sectors), sorted(expected_sectors)))
    body = [r for r in rows[3:] if r[1] is not None]
    body_rows = {id(r): n + 4 for n, r in enumerate(rows[3:]) if r[1] is not None}
    check(len(body) == len(db.names["group"]), "%s: coverage has %d groups" % (tag, len(body)))
    group_ids = {v: k for k, v in db.names["group"].items()}
    for r in body:
        g = group_ids[r[1]]
        reach = [i for i in live if g in db.groups.get(i, [])]
        for c, name in enumerate(names):
            if c < 2 or name is None:
                continue
            if name in sector_ids:
                n = sum(1 for i in reach if sector_ids[name] in db.sectors.get(i, []))
            elif name in plan_ids:
                n = sum(1 for i in reach if db.activities[i]["plan_id"] == plan_ids[name])
            else:
                continue
            check((r[c] or 0) == n, "%s: coverage %s × %s is %r, expected %d" % (tag, r[1], name, r[c], n))
            if n == 0:
                check(gap_shaded(ws, body_rows[id(r)], c + 1),
                      "%s: coverage gap %s × %s is not shaded" % (tag, r[1], name))
        # The periods in which it is given different messages, with their dates.
        mixed = r[len(names) - 1] if len(r) >= len(names) else None
        if isinstance(mixed, str) and mixed:
            global mixed_seen
            mixed_seen += 1
            for part in mixed.split("; "):
                check(re.match(r"^\S+ \(.+ – .+\)$", part),
                      "%s: coverage gives the period %r of %s without its dates" % (tag, part, r[1]))


def check_seminars(db, wb, lang, seminar_ids, ids, tag):
    ws = wb[SHEETS[lang][SEMINARS]]
    rows = {r[0]: r for r in sheet_rows(ws) if r[0] is not None}
    check(set(rows) == seminar_ids, "%s: seminars %r, expected %r" % (tag, sorted(rows), sorted(seminar_ids)))
    for s in seminar_ids & set(rows):
        reg = db.query("SELECT coalesce(sum(participants), 0) FROM registration WHERE seminar_id = ? AND NOT waitlisted", s)[0][0]
        att = db.query("SELECT sum(attended) FROM registration WHERE seminar_id = ?", s)[0][0]
        check(rows[s][15] == reg and rows[s][17] == att, "%s: seminar %d registered/attended %r" % (tag, s, rows[s][15:18]))
        rate = 100.0 * att / reg if att is not None and reg else None
        check((rows[s][18] is None and rate is None) or (rate is not None and abs(rows[s][18] - rate) < 1e-9),
              "%s: seminar %d attendance rate %r, expected %r" % (tag, s, rows[s][18], rate))
        check_dominance(db, s, rows[s][19], lang, tag)
    participants = [r for r in sheet_rows(wb[SHEETS[lang][PARTICIPANTS]]) if r[0] is not None]
    expected = db.query("SELECT seminar_id, sector_id, sum(participants) FROM registration GROUP BY 1, 2")
    expected = {(r[0], db.names["sector"].get(r[1])) for r in expected if r[0] in seminar_ids}
    got = {(r[0], r[3] if r[3] not in ("No sector given", "Sektor ikke oppgitt") else None) for r in participants}
    check(got == expected, "%s: participants %r, expected %r" % (tag, sorted(got, key=str), sorted(expected, key=str)))


CHANGE_KINDS = ["newly-done", "newly-delayed", "progress-up", "progress-down", "due-moved", "lead-changed",
                "stopped-reporting", "new", "removed"]
CHANGE_LABELS = {
    "en": ["Newly done", "Newly delayed or cancelled", "Progress up", "Progress down", "Due date moved",
           "Lead agency changed", "Reported last period, not this one", "New activity", "Removed activity"],
    "nb": ["Nylig fullført", "Nylig forsinket eller avlyst", "Fremdrift opp", "Fremdrift ned", "Frist flyttet",
           "Nytt hovedansvar", "Rapporterte forrige periode, ikke denne", "Ny aktivitet", "Fjernet aktivitet"],
}


def date_text(iso, lang):
    if not iso:
        return None
    return "%s.%s.%s" % (iso[8:10], iso[5:7], iso[:4]) if lang == "nb" else iso[:10]


def expected_changes(db, ids, measures, lang, period):
    """The Changes sheet's rows, worked out here: (kind, id, measure, title,
    lead, before, after, points), in the sheet's order."""
    codes = sorted({p["code"] for p in db.periods}, key=lambda code: period_key(db, code))
    place = codes.index(period)
    if place == 0:
        return []
    previous = codes[place - 1]
    since, until = judged_on(db, previous), judged_on(db, period)
    notes = db.query("SELECT activity_id, field, title, plan_id, old_value FROM activity_change "
                     "WHERE field IN ('created', 'removed') AND substr(changed_at, 1, 10) > ? "
                     "AND substr(changed_at, 1, 10) <= ?", since, until)
    created = {n[0] for n in notes if n[1] == "created"}
    name = db.names["agency"]
    rows = []

    def add(kind, a, lead, before=None, after=None, points=None):
        rows.append((CHANGE_KINDS.index(kind), a["id"], a["measure_number"], clean(a["title"]), name.get(lead),
                     before, after, points))
    for i in ids:
        a = db.activities[i]
        now = as_at(db, a, period)
        if i in created:
            add("new", a, now[7])
            continue
        then = as_at(db, a, previous)
        if now[0] == "done" and then[0] != "done":
            add("newly-done", a, now[7], STATUS[lang][then[0]], STATUS[lang][now[0]])
        elif now[0] in ("delayed", "cancelled") and then[0] != now[0]:
            add("newly-delayed", a, now[7], STATUS[lang][then[0]], STATUS[lang][now[0]])
        p0, p1 = then[1] or 0, now[1] or 0
        if p0 != p1:
            add("progress-up" if p1 > p0 else "progress-down", a, now[7], "%d %%" % p0, "%d %%" % p1, p1 - p0)
        if then[4] != now[4]:
            add("due-moved", a, now[7], date_text(then[4], lang), date_text(now[4], lang))
        if then[7] != now[7]:
            add("lead-changed", a, now[7], name.get(then[7]), name.get(now[7]))
        # Stopped: expected to report now (live, not done, running in the
        # period), as the Follow-up counts it, and did not.
        expected = now[0] not in ("cancelled", "done") and runs_in(db, a, period, now[4])
        if then[5] and expected and not now[5]:
            add("stopped-reporting", a, now[7])
    check(not any(n[1] == "removed" for n in notes), "the fixture removes no activity; check them here first")
    rows.sort(key=lambda r: (r[0], r[2], r[1]))
    return [(CHANGE_LABELS[lang][r[0]],) + r[1:] for r in rows]


def check_changes(db, ws, ids, measures, lang, period, tag):
    rows = sheet_rows(ws, 1)
    got = [tuple(r[:8]) for r in rows[2:] if r[0] is not None and r[1] is not None]
    want = expected_changes(db, ids, measures, lang, period)
    check(got == want, "%s: changes %r, expected %r" % (tag, got, want))
    # With a period before to compare with and nothing changed, the sheet
    # says so rather than show an empty table.
    said = [r[0] for r in rows[2:] if r[0] is not None and r[1] is None]
    compared = rows[0][0].startswith(("Changes since", "Endringer siden"))
    check(said == (["Nothing changed between the two periods.", "Ingenting endret seg mellom de to periodene."]
                   [lang == "nb":][:1] if compared and not want else []),
          "%s: the changes sheet says %r besides its changes" % (tag, said))
    return len(want)


def check_history(db, ws, ids, period, tag):
    """Every status update in or before @period, in the order of the
    Activities sheet, then by period, time reported and id."""
    rows = [r for r in sheet_rows(ws) if r[0] is not None]
    updates = {}
    for u in db.query("SELECT su.activity_id, rp.code, su.comment, su.reported_at, su.id "
                      "FROM status_update su LEFT JOIN reporting_period rp ON rp.id = su.period_id"):
        if not period or period_key(db, u[1]) <= period_key(db, period):
            updates.setdefault(u[0], []).append(u)
    expected = [(u[0], u[1], clean(u[2])) for i in activity_order(db, ids)
                for u in sorted(updates.get(i, []), key=lambda u: (period_key(db, u[1]), u[3] or "", u[4]))]
    check(sorted((r[0], r[3], r[6]) for r in rows) == sorted(expected),
          "%s: status history %r, expected %r" % (tag, sorted((r[0], r[3], r[6]) for r in rows), sorted(expected)))
    check([(r[0], r[3], r[6]) for r in rows] == expected, "%s: status history out of order" % tag)
    for r in rows:
        check(isinstance(r[8], datetime.datetime), "%s: reported at %r is not a date" % (tag, r[8]))


# Layout: what a reader sees on screen and on paper

A4_LANDSCAPE_WIDTH_IN = 297 / 25.4
BODY_PT = 11          # Calibri 11, the workbook's default font
MIN_PRINTED_PT = 7


def column_widths(ws):
    widths = {}
    for dim in ws.column_dimensions.values():
        if dim.width:
            for i in range(dim.min or 1, (dim.max or dim.min or 1) + 1):
                widths[i] = dim.width
    return widths


def width_pt(width):
    """A column @width characters wide (as the file says, padding
    included) in points, as LibreOffice prints it, a little wider than
    Excel (5.25 points a character)."""
    return width * 5.6


def text_units_low(text):
    """A low estimate of the width of @text in widths of the digit 0 of
    Calibri 11 (the real average of Norwegian text is about 0.85)."""
    return 0.7 * len(text)


def lines_low(text, width):
    """At least how many lines @text takes wrapped in a column @width wide."""
    capacity = max(width * 1.0, 1)
    return sum(max(1, math.ceil(text_units_low(part) / capacity)) for part in text.split("\n"))


def spans(ws):
    """(row, col) of the first cell of each merged range → width in columns."""
    result = {}
    for r in ws.merged_cells.ranges:
        result[(r.min_row, r.min_col)] = r.max_col - r.min_col + 1
    return result


def check_row_heights(ws, tag, max_rows=400):
    """Every row where text wraps is as tall as its text, so nothing
    overlaps the next row or is cut off."""
    widths, merged = column_widths(ws), spans(ws)
    checked = 0
    for row in ws.iter_rows(max_row=max_rows):
        needed = 1
        for cell in row:
            if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                continue
            span = merged.get((cell.row, cell.column), 1)
            width = sum(widths.get(cell.column + i, 8.43) for i in range(span))
            needed = max(needed, lines_low(cell.value, width))
        if needed < 2:
            continue
        checked += 1
        height = ws.row_dimensions[row[0].row].height
        if not check(height is not None and height >= min(14 * needed, 409),
                     "%s: %s row %d needs %d lines, is %r pt tall" % (tag, ws.title, row[0].row, needed, height)):
            return
    return checked


def check_nothing_cut(ws, tag, max_rows=400):
    """Text that does not wrap fits its column wherever the next cell holds
    something or is shaded; a number never sits flush against text."""
    widths, merged = column_widths(ws), spans(ws)
    for row in ws.iter_rows(max_row=max_rows):
        for i, cell in enumerate(row):
            after = row[i + 1] if i + 1 < len(row) else None
            if isinstance(cell.value, str) and not cell.alignment.wrap_text and (cell.row, cell.column) not in merged:
                filled = after is not None and after.fill is not None and after.fill.fill_type == "solid"
                # Shaded or centred text that does not fit spills out of its
                # shading, or over the cell before it, whatever comes after.
                own = (cell.fill is not None and cell.fill.fill_type == "solid") or cell.alignment.horizontal == "center"
                if ((after is not None and after.value is not None) or filled or own) \
                        and text_units_low(cell.value) > widths.get(cell.column, 8.43):
                    check(False, "%s: %s!%s %r is cut off or spills out of its cell" % (tag, ws.title, cell.coordinate,
                                                                                     cell.value))
                    return
            if after is None:
                continue
            if (isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
                    and cell.alignment.horizontal in (None, "general", "right")
                    and isinstance(after.value, (str, datetime.datetime))
                    and after.alignment.horizontal == "left" and not after.alignment.indent):
                check(False, "%s: %s!%s %r runs into %s %r" % (tag, ws.title, cell.coordinate, cell.value,
                                                                 after.coordinate, after.value))
                return


def check_header_alignment(ws, header_row, tag):
    """A list's header sits over its numbers the way they are aligned."""
    rows = list(ws.iter_rows(min_row=header_row, max_row=header_row + 30))
    if len(rows) < 2:
        return
    for col, header in enumerate(rows[0]):
        if not isinstance(header.value, str):
            continue
        data = [r[col] for r in rows[1:] if col < len(r) and r[col].value is not None]
        numbers = [c for c in data if isinstance(c.value, (int, float, datetime.datetime)) and not isinstance(c.value, bool)]
        if not data or len(numbers) < len(data):
            continue
        data_align = numbers[0].alignment.horizontal or "right"
        data_align = "right" if data_align == "general" else data_align
        header_align = header.alignment.horizontal or "left"
        header_align = "left" if header_align == "general" else header_align
        check(header_align == data_align, "%s: %s header %r is aligned %s over numbers aligned %s"
              % (tag, ws.title, header.value, header_align, data_align))


def printed_scale(ws):
    """The scale the sheet prints at: its own, or the one fitting its used
    columns to the page's width."""
    setup = ws.page_setup
    if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
        if int(setup.fitToWidth if setup.fitToWidth is not None else 1) == 0:
            return 1.0
        widths = column_widths(ws)
        total = sum(width_pt(widths.get(c, 8.43)) for c in range(1, ws.max_column + 1))
        page = (A4_LANDSCAPE_WIDTH_IN if setup.orientation == "landscape" else 210 / 25.4)
        printable = (page - ws.page_margins.left - ws.page_margins.right) * 72
        pages = int(setup.fitToWidth or 1)
        return min(1.0, printable * pages / total)
    return (setup.scale or 100) / 100


def check_print(ws, scope_text, period, date_text, tag):
    setup = ws.page_setup
    check(str(setup.paperSize) == "9", "%s: %s is not on A4 (%r)" % (tag, ws.title, setup.paperSize))
    scale = printed_scale(ws)
    check(BODY_PT * scale >= MIN_PRINTED_PT, "%s: %s prints its text at %.1f pt (scale %.2f)"
          % (tag, ws.title, BODY_PT * scale, scale))
    if scale < 0.99 and not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage):
        check(ws.print_title_rows is not None or ws.print_title_cols is not None,
              "%s: %s prints across pages without repeated titles" % (tag, ws.title))
    texts = " ".join(part.text or "" for hf in (ws.oddHeader, ws.oddFooter)
                     for part in (hf.left, hf.center, hf.right))
    check(scope_text[:40].replace("&", "&&") in texts, "%s: %s header/footer %r does not name the scope %r"
          % (tag, ws.title, texts, scope_text))
    check(period in texts, "%s: %s header/footer %r does not name the period %s" % (tag, ws.title, texts, period))
    check(date_text in texts, "%s: %s header/footer %r does not give the date %s" % (tag, ws.title, texts, date_text))
    check("&P" in texts and "&N" in texts, "%s: %s has no page x of y" % (tag, ws.title))


def check_layout(wb, lang, period, tag):
    summary = wb[SHEETS[lang][SUMMARY]]
    scope_text = summary.cell(row=3, column=2).value
    date_text = "15.05.2026" if lang == "nb" else "2026-05-15"
    heights = 0
    for ws in wb:
        heights += check_row_heights(ws, tag) or 0
        check_nothing_cut(ws, tag)
        check_print(ws, scope_text, period, date_text, tag)
    check(heights > 0, "%s: no row had text to wrap" % tag)
    for s in (ACTIVITIES, SEMINARS, PARTICIPANTS, HISTORY):
        check_header_alignment(wb[SHEETS[lang][s]], 1, tag)
    header = next(r[0].row for r in summary.iter_rows() if r[0].value in ("Measure", "Tiltak"))
    check_header_alignment(summary, header, tag)


def personal_names():
    """The login and real name of whoever runs the tests, as the system
    knows them: none of them may appear in a report."""
    entry = pwd.getpwuid(os.getuid())
    names = {entry.pw_name, os.environ.get("USER", ""), os.environ.get("LOGNAME", ""),
             entry.pw_gecos.split(",")[0]}
    return {n for n in names if n and len(n) >= 3}


def check_no_personal_names(path, tag):
    names = personal_names()
    check(names, "%s: no login name to look for" % tag)
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            text = z.read(n).decode("utf-8", "replace")
            for name in names:
                if re.search(r"(?<![\w])%s(?![\w])" % re.escape(name), text):
                    check(False, "%s: the name %r is in %s" % (tag, name, n))
        core = z.read("docProps/core.xml").decode()
        creator = re.search(r"<dc:creator>(.*?)</dc:creator>", core)
        check(creator is not None and creator.group(1) != "", "%s: the document has no neutral author" % tag)


def check_chart_cache(path, wb, lang, tag):
    """The chart carries the numbers it shows, for previews that do not
    recalculate."""
    _, table = summary_table(sheet_rows(wb[SHEETS[lang][SUMMARY]], 1))
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        if not check(len(charts) == 1, "%s: %d charts" % (tag, len(charts))):
            return
        xml_text = z.read(charts[0]).decode()
    values = re.findall(r"<c:val>.*?</c:val>", xml_text, re.S)
    check(len(values) == 5, "%s: the chart has %d series" % (tag, len(values)))
    for s, v in enumerate(values):
        cached = [float(x) for x in re.findall(r"<c:v>([^<]*)</c:v>", v)]
        want = [float(r[2 + s]) for r in table]
        check(cached == want, "%s: chart series %d caches %r, the sheet has %r" % (tag, s, cached, want))
    categories = re.findall(r"<c:cat>.*?</c:cat>", xml_text, re.S)
    check(categories and all("<c:pt " in c for c in categories), "%s: the chart's categories have no cache" % tag)


def check_scope_has_nothing_empty(wb, lang, tag):
    """A report on part of the strategy shows no measure, agency, plan or
    sector that has nothing in that part."""
    for r in summary_table(sheet_rows(wb[SHEETS[lang][SUMMARY]], 1))[1]:
        check(r[7], "%s: the summary lists measure %d with no activity" % (tag, r[0]))
    for s, first_cell in ((RESPONSIBILITY, 2), (COVERAGE, 2)):
        ws = wb[SHEETS[lang][s]]
        body = [r for r in sheet_rows(ws, 4)]
        width = max((len(r) for r in body), default=0)
        titles = sheet_rows(ws, 1)[2 if s == COVERAGE else 1]
        for c in range(first_cell, width):
            if s == COVERAGE and c == width - 1:
                break                     # the mixed-messages column
            if s == RESPONSIBILITY and (c - first_cell) % 3 != 0:
                continue                  # lead, partner and sector: one group of columns
            cells = [r[k] for r in body for k in ((c, c + 1, c + 2) if s == RESPONSIBILITY else (c,)) if k < len(r)]
            check(any(isinstance(v, (int, float)) and v for v in cells),
                  "%s: %s column %r is empty" % (tag, ws.title, titles[c] if c < len(titles) else c))
    ws = wb[SHEETS[lang][RESPONSIBILITY]]
    for r in sheet_rows(ws, 4):
        if r[1] is None:
            continue
        has_marks = any(isinstance(v, (int, float)) and v for v in r[2:])
        check(has_marks or r[0] == r[1], "%s: responsibility row %r has no marks" % (tag, r[1]))


def check_workbook_form(path, wb, lang, names, tag):
    check(wb.sheetnames == ALL_SHEETS[lang], "%s: sheets %r" % (tag, wb.sheetnames))
    # Text from users is text: a formula only where the report computes one
    # (the totals), and nothing user-written ever in a formula cell.
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    check(ws.title == SHEETS[lang][SUMMARY] and str(cell.value).startswith("=SUM("),
                          "%s: formula %r in %s!%s" % (tag, cell.value, ws.title, cell.coordinate))
                if isinstance(cell.value, str):
                    for n in names:
                        check(n not in cell.value, "%s: participant name %r in %s" % (tag, n, ws.title))
    for s in (ACTIVITIES, SEMINARS, PARTICIPANTS, HISTORY):
        ws = wb[SHEETS[lang][s]]
        check(ws.freeze_panes == "A2", "%s: %s header not frozen (%r)" % (tag, ws.title, ws.freeze_panes))
        check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:"), "%s: %s has no autofilter" % (tag, ws.title))
        check(ws.page_setup.orientation == "landscape", "%s: %s not landscape" % (tag, ws.title))
        check(ws.print_title_rows is not None, "%s: %s repeats no header row" % (tag, ws.title))
    activities = wb[SHEETS[lang][ACTIVITIES]]
    rules = [rule for cf in activities.conditional_formatting for rule in cf.rules]
    check(any(rule.type == "dataBar" for rule in rules), "%s: no progress data bar" % tag)
    check(any(rule.type == "cellIs" and STATUS[lang]["done"] in " ".join(rule.formula) for rule in rules),
          "%s: no status colours" % tag)
    with zipfile.ZipFile(path) as z:
        app = z.read("docProps/app.xml").decode()
        core = z.read("docProps/core.xml").decode()
        check("<Company>" in app, "%s: no company" % tag)
        check("<dc:title>" in core and "<dc:creator>" in core and "<dc:subject>" in core, "%s: no title/author/subject" % tag)
        check(any(n.startswith("xl/charts/chart") for n in z.namelist()), "%s: no chart" % tag)
        for n in z.namelist():
            if n.endswith(".xml") or n.endswith(".rels"):
                try:
                    xml.etree.ElementTree.fromstring(z.read(n))
                except xml.etree.ElementTree.ParseError as e:
                    check(False, "%s: %s is not well-formed XML: %s" % (tag, n, e))
            if n.endswith(".xml"):
                check(not re.search(r"<v>-?[0-9]+,[0-9]+</v>|width=\"[0-9]+,", z.read(n).decode()),
                      "%s: a decimal comma in %s" % (tag, n))


def readback(workdir, db_path):
    db = base = Database(db_path)
    names = [n.strip() for r in db.query("SELECT names FROM registration WHERE names IS NOT NULL")
             for n in r[0].split(",")]
    p2 = db.query("SELECT id FROM plan WHERE title = 'Testplan informasjon'")[0][0]
    cases = [
        (None, "en", "2026-T2"), (None, "nb", None), ("focus-area:9", "nb", "2026-T1"),
        ("measure:90", "en", "2026-T2"), ("measure:7", "nb", "2026-T2"), ("plan:%d" % p2, "en", "2026-T1"),
        ("agency:TET", "nb", "2026-T2"), ("agency:Bufdir", "en", "2026-T2"),
        ("ministry:TDEP", "en", "2026-T3"), ("ministry:HOD", "nb", "2026-T2"),
    ]
    n_changes = 0
    for spec, lang, period in cases:
        tag = "%s/%s/%s" % (spec or "strategy", lang, period or "today")
        out = os.path.join(workdir, "report.xlsx")
        args = ["report", "--database", db_path, "--output", out, "--language", lang, "--today", TODAY]
        args += ["--scope", spec] if spec else []
        args += ["--period", period] if period else []
        result = run(args)
        if not check(result.returncode == 0 and result.stderr == "", "%s: exit %d, %r" % (tag, result.returncode, result.stderr)):
            continue
        # Values as a reader that does not recalculate sees them: the totals'
        # formulas must carry their computed values.
        wb = openpyxl.load_workbook(out, data_only=True)
        ids, members, measures, plans = db.scope(spec)
        db = base.in_language(lang)
        period = period or "2026-T2"   # the period running on TODAY
        check(len(ids) > 0, "%s: the fixture has nothing in scope" % tag)
        styled = openpyxl.load_workbook(out)
        check_workbook_form(out, styled, lang, names, tag)
        check_layout(styled, lang, period, tag)
        check_no_personal_names(out, tag)
        check_chart_cache(out, wb, lang, tag)
        if spec:
            check_scope_has_nothing_empty(wb, lang, tag)
        whole = spec is None
        check_summary(db, wb[SHEETS[lang][SUMMARY]], ids, measures, lang, period, tag,
                      drop_empty=bool(spec) and spec.split(":")[0] in ("agency", "ministry"))
        check_summary_targets(db, wb[SHEETS[lang][SUMMARY]], 2026, tag)
        check_summary_periods(db, wb[SHEETS[lang][SUMMARY]], lang, period, tag)
        check_activities(db, wb[SHEETS[lang][ACTIVITIES]], ids, lang, period, tag)
        check_responsibility(db, wb[SHEETS[lang][RESPONSIBILITY]], ids, members, measures, plans, lang, tag, whole)
        check_coverage(db, wb[SHEETS[lang][COVERAGE]], ids, plans, tag, whole)
        check_seminars(db, wb, lang, db.seminars(spec, ids, members), ids, tag)
        check_history(db, wb[SHEETS[lang][HISTORY]], ids, period, tag)
        n_changes += check_changes(db, wb[SHEETS[lang][CHANGES]], ids, measures, lang, period, tag)
        check_lights(db, wb, ids, lang, period, tag)
        check_follow_up(db, wb[NEW[lang]["follow"]], ids, lang, period, tag)
        check_obligations(db, wb, ids, lang, tag)
        check_knowledge(db, wb[NEW[lang]["knowledge"]], measures, lang, tag)
        if lang == "en" and spec is None:
            check_english(db, wb, tag)
        db = base
        # The report reads ahead on a second connection in a helper thread;
        # read on its own connection alone, it must hold the same.
        alone = os.path.join(workdir, "alone.xlsx")
        result = run(args[:4] + [alone] + args[5:], extra_env={"SAMORDNA_REPORT_ONE_CONNECTION": "1"})
        if check(result.returncode == 0, "%s: on one connection: exit %d, %r" % (tag, result.returncode, result.stderr)):
            check(all_values(alone) == all_values(out), "%s: the report on one connection differs" % tag)
            os.unlink(alone)
        os.unlink(out)
    check(n_changes > 0, "the fixture has no change between periods to check")
    check(mixed_seen > 0, "the fixture gives no target group different messages to check")
    continuation(workdir, db_path)


def previous_period(db, period):
    """The period before @period in the order of periods, or None."""
    codes = sorted({p["code"] for p in db.periods}, key=lambda code: period_key(db, code))
    place = codes.index(period) if period in codes else 0
    return codes[place - 1] if place > 0 else None


def light_of(db, facts, period):
    """The Summary's status light of a measure's activities, as at @period:
    @facts are (activity, as_at()) pairs."""
    live = [(a, f) for a, f in facts if f[0] != "cancelled"]
    if not live:
        return None
    open_ = [(a, f) for a, f in live if f[0] != "done"]
    judged = judged_on(db, period)
    if any(f[0] == "delayed" for a, f in live) or any(f[4] and f[4] < judged for a, f in open_):
        return 0
    if any(runs_in(db, a, period, f[4]) and not f[5] for a, f in open_):
        return 1
    return 2


def average_progress(facts):
    live = [f for a, f in facts if f[0] != "cancelled"]
    return sum(f[1] or 0 for f in live) / len(live) if live else None


def check_lights(db, wb, ids, lang, period, tag):
    """Each measure's light, and its change since the period before: the
    average progress as at the period minus that as at the one before, both
    by the rules as at a period."""
    rows = sheet_rows(wb[SHEETS[lang][SUMMARY]], 1)
    _, table = summary_table(rows)
    numbers = {r["number"]: r["id"] for r in db.query("SELECT id, number FROM measure")}
    previous = previous_period(db, period) if period else None
    for r in table:
        acts = [db.activities[i] for i in ids if db.activities[i]["measure_id"] == numbers[r[0]]]
        facts = [(a, as_at(db, a, period)) for a in acts]
        light = light_of(db, facts, period)
        want = None if light is None else LIGHTS[lang][light]
        check(r[12] == want, "%s: measure %d light %r, expected %r" % (tag, r[0], r[12], want))
        now = average_progress(facts)
        then = average_progress([(a, as_at(db, a, previous)) for a in acts]) if previous else None
        change = now - then if now is not None and then is not None else None
        check((r[11] is None and change is None) or (change is not None and r[11] is not None
                                                       and abs(r[11] - change) < 1e-9),
              "%s: measure %d change %r, expected %r" % (tag, r[0], r[11], change))
    texts = " ".join(str(v) for r in rows for v in r if isinstance(v, str))
    check(("Status light: red when" if lang == "en" else "Statuslys: rødt når") in texts,
          "%s: the Summary does not say how its lights are set" % tag)
    check(("percentage points" if lang == "en" else "prosentpoeng") in texts,
          "%s: the Summary does not say the change is in percentage points" % tag)
    check(("Latest status comments per measure" if lang == "en" else "Siste statuskommentarer per tiltak") in texts,
          "%s: the Summary has no latest comments" % tag)


def unreported_ids(db, ids, period):
    """Not reported in @period by the rules as at it."""
    out = set()
    for i in ids:
        a = db.activities[i]
        f = as_at(db, a, period)
        if f[0] not in ("done", "cancelled") and runs_in(db, a, period, f[4]) and not f[5]:
            out.add(i)
    return out


def nocase(text):
    """As SQLite's NOCASE compares: ASCII letters without case, the rest
    as they are."""
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in text)


def follow_up_key(db, row):
    """Where the Follow-up lists an activity not reported: those with a
    lead first, under a ministry first; by ministry, lead agency (each by
    name, then id), measure number and id."""
    lead = db.activities[row[3]]["lead_agency_id"]
    ministry = ministry_of(db, lead) if lead is not None else None
    return (lead is None, ministry is None,
            nocase(db.names["agency"][ministry]) if ministry else "", ministry or 0,
            nocase(db.names["agency"][lead]) if lead is not None else "", lead or 0,
            row[4] is not None, row[4] or 0, row[3])


def check_follow_up(db, ws, ids, lang, period, tag):
    """The activities not reported in the period, with their lead agency,
    its contact and ministry; those with no lead with who answers for them;
    then the checks' other findings."""
    rows = sheet_rows(ws, 1)
    no_lead_title = "Activities with no lead agency" if lang == "en" else "Aktiviteter uten hovedansvarlig"
    split = next((k for k, r in enumerate(rows) if isinstance(r[0], str) and r[0].startswith(no_lead_title)), None)
    if not check(split is not None, "%s: the Follow-up has no list of activities without a lead" % tag):
        return
    findings = next((k for k, r in enumerate(rows) if isinstance(r[0], str)
                     and r[0].startswith("Other findings" if lang == "en" else "Andre funn")), None)
    check(findings is not None and findings > split, "%s: the Follow-up has no findings of the checks" % tag)
    unreported = [r for r in rows[:split] if isinstance(r[3], int)]
    want = unreported_ids(db, ids, period)
    check({r[3] for r in unreported} == want, "%s: not reported %r, expected %r"
          % (tag, sorted(r[3] for r in unreported), sorted(want)))
    check([r[3] for r in unreported] == [r[3] for r in sorted(unreported, key=lambda r: follow_up_key(db, r))],
          "%s: the activities not reported are not by ministry, agency, measure and id: %r"
          % (tag, [r[3] for r in unreported]))
    for r in unreported:
        a = db.activities[r[3]]
        lead = a["lead_agency_id"]
        if lead is None:
            check(r[1] in ("No lead named", "Ingen hovedansvarlig navngitt"), "%s: %d has no lead, says %r" % (tag, r[3], r[1]))
            continue
        ministry = ministry_of(db, lead)
        check(r[1] == db.names["agency"][lead] and r[2] == db.agencies[lead]["contact"]
              and r[0] == (db.names["agency"][ministry] if ministry else None),
              "%s: activity %d is under %r, expected %r" % (tag, r[3], r[0:3], (ministry, lead)))
    no_lead = [r for r in rows[split:findings] if isinstance(r[3], int)]
    want = {i for i in ids if db.activities[i]["lead_agency_id"] is None and status_of(db.activities[i]) != "cancelled"}
    check({r[3] for r in no_lead} == want, "%s: no lead %r, expected %r" % (tag, sorted(r[3] for r in no_lead), sorted(want)))
    for r in no_lead:
        duty = db.duty_text(r[3])
        check(r[8] == (duty or ("Nobody: no ministry answers for it by sector responsibility" if lang == "en"
                                else "Ingen: intet departement svarer for den etter sektoransvaret")),
              "%s: activity %d answered for by %r, expected %r" % (tag, r[3], r[8], duty))


def obligation_key(o):
    number = re.search(r"[0-9]+", o["reference"] or "")
    return ({"convention": 0, "greta": 1}.get(o["source"], 2), int(number.group()) if number else 1 << 62,
            o["reference"], o["id"])


def check_obligations(db, wb, ids, lang, tag):
    """Each obligation in the convention's and GRETA's order, with the
    measures of the Summary that answer it and the activities in scope it
    names under them."""
    rows = sheet_rows(wb[NEW[lang]["obligations"]], 1)
    summary_measures = [r[0] for r in summary_table(sheet_rows(wb[SHEETS[lang][SUMMARY]], 1))[1]]
    numbers = {r["id"]: r["number"] for r in db.query("SELECT id, number FROM measure")}
    obligations = sorted(db.query("SELECT * FROM obligation"), key=obligation_key)
    measure_word = MEASURE[lang]
    got, current = [], None
    header = next(k for k, r in enumerate(rows) if r[0] in ("Article or recommendation", "Artikkel eller anbefaling"))
    for r in rows[header + 1:]:
        if isinstance(r[0], str) and r[1] and not r[0].startswith(measure_word + " ") and not r[0].startswith("ID "):
            current = [r[0], r[1], []]
            got.append(current)
        elif current and isinstance(r[0], str) and (r[0].startswith(measure_word + " ") or r[0].startswith("ID ")):
            current[2].append(r[0])
    want = []
    for o in obligations:
        linked = [x[0] for x in db.query("SELECT activity_id FROM obligation_activity WHERE obligation_id = ? "
                                          "ORDER BY position, activity_id", o["id"]) if x[0] in ids]
        named = {numbers[x[0]] for x in db.query("SELECT measure_id FROM obligation_measure WHERE obligation_id = ?",
                                                 o["id"])}
        named |= {numbers[db.activities[i]["measure_id"]] for i in linked}
        children = []
        for m in summary_measures:
            if m in named:
                children.append("%s %d" % (measure_word, m))
                children += ["ID %d" % i for i in linked if numbers[db.activities[i]["measure_id"]] == m]
        want.append([o["reference"], o["title"], children])
    check(got == want, "%s: obligations %r, expected %r" % (tag, got, want))


def check_knowledge(db, ws, measures, lang, tag):
    """The knowledge gaps of the measures in scope (all in an agency's or
    a ministry's report), those without an R&D project flagged, and the
    goals of those measures."""
    rows = sheet_rows(ws, 1)
    gaps = [g for g in db.query("SELECT k.id, k.title, k.measure_id, (SELECT count(*) FROM rd_project_gap x "
                                "WHERE x.gap_id = k.id) AS n FROM knowledge_gap k")
            if measures is None or g["measure_id"] is None or g["measure_id"] in measures]
    flag = "No R&D project addresses this gap" if lang == "en" else "Ingen FoU-prosjekt dekker dette hullet"
    for g in gaps:
        mine = [r for r in rows if r[2] == g["title"]]
        check(mine, "%s: knowledge gap %r is missing" % (tag, g["title"]))
        check(all((r[3] == flag) == (g["n"] == 0) for r in mine),
              "%s: knowledge gap %r flagged wrongly: %r" % (tag, g["title"], [r[3] for r in mine]))
    goals = [r[0] for r in db.query("SELECT text, measure_id FROM goal") if measures is None or r[1] in measures]
    texts = {v for r in rows for v in r if isinstance(v, str)}
    check(all(g in texts for g in goals), "%s: goals missing from the Knowledge and goals sheet" % tag)


def check_english(db, wb, tag):
    """The English report of the default plan names what ships with an
    English name in English, on every sheet that shows it."""
    _, table = summary_table(sheet_rows(wb["Summary"], 1))
    titles = {r["number"]: r["title_en"] for r in db.query("SELECT number, title_en FROM measure") if r["title_en"]}
    for r in table:
        if r[0] in titles:
            check(r[1] == titles[r[0]], "%s: measure %d is titled %r on the Summary" % (tag, r[0], r[1]))
    check(len(titles) >= 4, "%s: the fixture has too few English measure titles" % tag)
    norwegian = {r["name"] for r in db.query("SELECT name FROM agency WHERE name_en IS NOT NULL AND name_en <> name")}
    norwegian |= {r["name"] for r in db.query("SELECT name FROM sector WHERE name_en IS NOT NULL AND name_en <> name")}
    for name in ("Responsibility", "Follow-up", "Activities"):
        for r in wb[name].iter_rows(values_only=True):
            for v in r:
                check(v not in norwegian, "%s: %s shows %r, which has an English name" % (tag, name, v))


def check_dominance(db, seminar, cell, lang, tag):
    """A national seminar where one sector has more than half of the
    participants (attendance, once held and recorded) names it."""
    s = db.query("SELECT s.status, f.kind FROM seminar s JOIN seminar_format f ON f.id = s.format_id WHERE s.id = ?",
                 seminar)[0]
    regs = db.query("SELECT sector_id, participants, attended, waitlisted FROM registration WHERE seminar_id = ?", seminar)
    by_attendance = s["status"] == "held" and any(r["attended"] is not None for r in regs)
    counts = {}
    for r in regs:
        n = (r["attended"] or 0) if by_attendance else (0 if r["waitlisted"] else r["participants"])
        counts[r["sector_id"]] = counts.get(r["sector_id"], 0) + n
    total = sum(counts.values())
    top = max(counts.items(), key=lambda kv: kv[1]) if counts else (None, 0)
    flagged = s["kind"] == "national" and total > 0 and top[0] is not None and 2 * top[1] > total
    if flagged:
        check(isinstance(cell, str) and cell.startswith(db.names["sector"][top[0]] + ":"),
              "%s: seminar %d dominance %r, expected %s" % (tag, seminar, cell, db.names["sector"][top[0]]))
    else:
        check(cell is None, "%s: seminar %d flagged %r" % (tag, seminar, cell))


def all_values(path):
    wb = openpyxl.load_workbook(path)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb}


def same_locale(workdir, db_path):
    if not nb_locale_available():
        print("The nb_NO.UTF-8 locale is missing; skipping (generate it with locale-gen)")
        sys.exit(77)
    for spec in (None, "measure:91"):
        outputs = []
        for lc in ("C", "nb_NO.UTF-8"):
            out = os.path.join(workdir, "report-%s.xlsx" % lc)
            args = ["report", "-d", db_path, "-o", out, "-l", "nb", "--today", TODAY] + (["-s", spec] if spec else [])
            result = run(args, lc)
            check(result.returncode == 0, "%s: exit %d: %s" % (lc, result.returncode, result.stderr))
            outputs.append(out)
        a, b = all_values(outputs[0]), all_values(outputs[1])
        check(a == b, "%s: the report under nb_NO.UTF-8 differs from the one under C" % spec)
        # A value with decimals, so that the comparison means something.
        averages = [r[8] for r in a["Sammendrag"] if isinstance(r[8], float) and r[8] != int(r[8])]
        check(averages, "%s: no decimal number to compare" % spec)


def one_line(result, tag):
    lines = result.stderr.strip("\n").split("\n")
    check(len(lines) == 1 and lines[0].startswith("samordna: ") and len(lines[0]) > 20,
          "%s: stderr is not one clear line: %r" % (tag, result.stderr))


def failures(workdir, db_path):
    out_dir = os.path.join(workdir, "out")
    os.mkdir(out_dir)
    out = os.path.join(out_dir, "report.xlsx")
    with open(out, "wb") as f:
        f.write(b"the old report")
    not_a_db = os.path.join(workdir, "notes.txt")
    with open(not_a_db, "w") as f:
        f.write("not a database\n" * 20)
    # A damaged file: an index page overwritten. The command line opens it
    # without the integrity check and the report runs that beside its
    # writing; either must fail it, leaving nothing.
    damaged = os.path.join(workdir, "damaged.db")
    with open(db_path, "rb") as f, open(damaged, "wb") as g:
        g.write(f.read())
    con = sqlite3.connect(damaged)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'activity_overview'").fetchone()[0]
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with open(damaged, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\x0a" + b"\xff" * 63)
    if os.geteuid() == 0:
        unwritable = "/proc/samordna-report.xlsx"   # root may write anywhere but here
    else:
        locked = os.path.join(workdir, "locked")
        os.mkdir(locked)
        os.chmod(locked, 0o555)
        unwritable = os.path.join(locked, "report.xlsx")
    cases = [
        ("unknown scope", ["--scope", "measure:4711"], out, 2, "measure"),
        ("bad scope", ["--scope", "galaxy:far"], out, 2, "scope"),
        ("unknown period", ["--period", "2031-T9"], out, 2, "2031-T9"),
        ("bad language", ["--language", "klingon"], out, 2, "klingon"),
        ("missing folder", [], os.path.join(workdir, "no-such-folder", "r.xlsx"), 1, "no-such-folder"),
        ("not writable", [], unwritable, 1, os.path.dirname(unwritable)),
        ("output is a folder", [], out_dir, 1, out_dir),
        ("not a database", ["--database", not_a_db], out, 2, not_a_db),
        ("missing database", ["--database", os.path.join(workdir, "nothing.db")], out, 2, "nothing.db"),
        ("damaged database", ["--database", damaged], out, 2, "damaged"),
        ("damaged database, one plan", ["--database", damaged, "--scope", "plan:1"], out, 2, "damaged"),
    ]
    for tag, extra, target, status, mention in cases:
        args = ["report", "--output", target, "--today", TODAY]
        if "--database" not in extra:
            args += ["--database", db_path]
        result = run(args + extra)
        check(result.returncode == status, "%s: exit %d, expected %d (%s)" % (tag, result.returncode, status, result.stderr))
        one_line(result, tag)
        check(mention in result.stderr, "%s: the message does not name %r: %r" % (tag, mention, result.stderr))
        with open(out, "rb") as f:
            check(f.read() == b"the old report", "%s: the existing file was touched" % tag)
        check(sorted(os.listdir(out_dir)) == ["report.xlsx"], "%s: left %r behind" % (tag, os.listdir(out_dir)))
        check(not os.path.exists(os.path.join(workdir, "no-such-folder")), "%s: created a folder" % tag)
    check(not os.path.exists(os.path.join(workdir, "nothing.db")), "the command line created a database")

    # Success replaces the old file with a complete workbook, no display needed.
    result = run(["report", "--database", db_path, "--output", out, "--language", "en"])
    check(result.returncode == 0 and result.stdout == "" and result.stderr == "", "report: %r" % (result,))
    check(openpyxl.load_workbook(out).sheetnames == ALL_SHEETS["en"], "the new report is not a workbook")
    check(sorted(os.listdir(out_dir)) == ["report.xlsx"], "left %r behind" % os.listdir(out_dir))
    for command in ("report", "check"):
        result = run([command, "--help"])
        check(result.returncode == 0 and "--database" in result.stdout, "%s --help: %r" % (command, result))
    result = run(["report", "--database", db_path])
    check(result.returncode == 2 and "--output" in result.stderr, "report without --output: %r" % (result,))

    # samordna check: one tab-separated line per failed check, exit 1.
    result = run(["check", "--database", db_path])
    check(result.returncode == 1 and result.stderr == "", "check: exit %d, %r" % (result.returncode, result.stderr))
    lines = result.stdout.strip("\n").split("\n")
    for line in lines:
        check(len(line.split("\t")) == 4, "check: line %r is not severity, id, kind:id, message" % line)
    db = Database(db_path)
    minus = db.query("SELECT id FROM activity WHERE title = '-minus først'")[0][0]
    check(any(l.split("\t")[1:3] == ["activity-no-lead", "activity:%d" % minus] for l in lines),
          "check: the activity without a lead is not reported")
    mixed = db.query("SELECT id FROM target_group WHERE name = 'Testgruppe 1'")[0][0]
    check(any(l.split("\t")[1:3] == ["target-group-mixed-messages", "target-group:%d" % mixed] for l in lines),
          "check: the differing messages to Testgruppe 1 are not reported")
    for tag, args in (("not a database", ["--database", not_a_db]),
                      ("missing", ["--database", os.path.join(workdir, "nothing.db")]),
                      ("bad option", ["--colour"])):
        result = run(["check"] + args)
        check(result.returncode == 2 and result.stdout == "", "check %s: exit %d" % (tag, result.returncode))
        one_line(result, "check " + tag)


def pdf_pages(pdf):
    """The text of each page of @pdf."""
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def pdf_word_heights(pdf):
    """The height of each word's box on each page of @pdf, in points: about
    1.2 times its font's size."""
    html = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        pages.append([float(m.group(2)) - float(m.group(1))
                      for m in re.finditer(r'yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)"', page)])
    return pages


def printed(workdir, db_path):
    """Prints two reports to PDF as a reader would, with LibreOffice, and
    reads every page back."""
    missing = [tool for tool in ("soffice", "pdftotext") if shutil.which(tool) is None]
    if not check(not missing, "%s missing: install libreoffice-calc-nogui and poppler-utils "
                              "(build-aux/dev.sh does)" % " and ".join(missing)):
        return
    cases = [("strategy-nb", None, "nb", "Hele strategien", "15.05.2026"),
             ("hod-en", "ministry:HOD", "en", "Ministry of Health and Care Services (HOD)", "2026-05-15")]
    for name, spec, lang, _, _ in cases:
        args = ["report", "-d", db_path, "-o", os.path.join(workdir, name + ".xlsx"), "-l", lang,
                "--today", TODAY, "--period", "2026-T2"] + (["-s", spec] if spec else [])
        result = run(args)
        check(result.returncode == 0, "%s: exit %d, %r" % (name, result.returncode, result.stderr))
    # One LibreOffice for both, with a profile of its own.
    profile = "file://" + os.path.join(workdir, "libreoffice-profile")
    result = subprocess.run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to", "pdf",
                             "--outdir", workdir] + [os.path.join(workdir, c[0] + ".xlsx") for c in cases],
                            env=environment("C.UTF-8"), capture_output=True, text=True, timeout=240)
    for name, spec, lang, scope, date in cases:
        pdf = os.path.join(workdir, name + ".pdf")
        if not check(os.path.exists(pdf), "%s: LibreOffice made no PDF: %r" % (name, result.stderr)):
            continue
        pages = pdf_pages(pdf)
        check(len(pages) >= 7, "%s: %d pages, fewer than the sheets" % (name, len(pages)))
        for i, text in enumerate(pages, 1):
            check(scope in text, "%s: page %d does not name the scope %r" % (name, i, scope))
            check("2026-T2" in text, "%s: page %d does not name the period" % (name, i))
            check(date in text, "%s: page %d does not give the date %s" % (name, i, date))
            check("###" not in text, "%s: page %d shows ### for a number that does not fit" % (name, i))
            check(("Page %d of %d" if lang == "en" else "Side %d av %d") % (i, len(pages)) in text,
                  "%s: page %d does not say which page it is" % (name, i))
        # The headings of the Summary's table as printed: no word broken
        # across two lines because its column is too narrow for it.
        summary = openpyxl.load_workbook(os.path.join(workdir, name + ".xlsx")).worksheets[0]
        rows = sheet_rows(summary, 1)
        header, _ = summary_table(rows)
        printed_words = set(re.sub(r"[()%,.:]", " ", pages[0]).split()) if pages else set()
        for heading in (h for h in rows[header] if isinstance(h, str)):
            for word in re.sub(r"[()%,.:]", " ", heading).split():
                check(word in printed_words, "%s: the heading %r prints %r broken" % (name, heading, word))
        for i, heights in enumerate(pdf_word_heights(pdf), 1):
            heights.sort()
            median = heights[len(heights) // 2] if heights else 0
            # 7 pt text makes boxes about 8.4 pt high.
            check(median >= 8.0, "%s: page %d prints its text at about %.1f pt" % (name, i, median / 1.2))


def nb_locale_available():
    return "nb_no.utf8" in subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()


def continuation(workdir, db_path):
    """A list longer than a sheet goes on in "Name (2)", header and all."""
    out = os.path.join(workdir, "limited.xlsx")
    subprocess.run([FIXTURE, db_path, "--limited-report", out, "5"], check=True, env=environment("C.UTF-8"))
    wb = openpyxl.load_workbook(out)
    db = Database(db_path)
    parts = [n for n in wb.sheetnames if n == "Aktiviteter" or n.startswith("Aktiviteter (")]
    check(len(parts) == (len(db.activities) + 3) // 4, "continuation: activity sheets %r" % parts)
    ids = []
    for n in parts:
        rows = list(wb[n].iter_rows(values_only=True))
        check(rows[0][0] == "ID" and len(rows) <= 5, "continuation: %s has %d rows, header %r" % (n, len(rows), rows[0][0]))
        check(wb[n].freeze_panes == "A2" and wb[n].auto_filter.ref is not None, "continuation: %s is not a list" % n)
        ids += [r[0] for r in rows[1:]]
    check(sorted(ids) == sorted(db.activities), "continuation: the activities are not all there once")


def main():
    if "nb_NO" in os.environ.get("LC_ALL", "") and not nb_locale_available():
        print("The nb_NO.UTF-8 locale is missing; skipping (generate it with locale-gen)")
        sys.exit(77)
    with tempfile.TemporaryDirectory(prefix="samordna-report-") as workdir:
        db_path = os.path.join(workdir, "fixture.db")
        subprocess.run([FIXTURE, db_path], check=True, env=environment("C.UTF-8"))
        {"readback": readback, "locale": same_locale, "failures": failures, "print": printed}[MODE](workdir, db_path)
    if FAILURES:
        print("%d failures" % len(FAILURES))
        sys.exit(1)
    print("all good")


main()
