#!/usr/bin/env python3
"""Writes tests/data/history/journal.json: a tend-json journal for the
History and Insights UI tests, dated relative to a fixed "today",
2026-01-15 (the scripts run with TEND_TEST_NOW=1768478400, which is
2026-01-15 12:00 UTC, and TZ=UTC).

Check-ins: one at 20:00 on most of the 120 days before today (none on days
where d % 5 == 3, d = days ago), and one at 08:00 today (with an answer,
"energy", that the test definition does not list); every 4th day of
the 240 days before that, for the year heatmap. Days with d % 3 == 0 choose
the trigger "conflict" and have distress 6..9; the others 1..4. Entries:
a few, with UTF-8 and words to search for. Run it again after changing it
and review the diff; the output is deterministic."""
import datetime, json, os

TODAY = datetime.date(2026, 1, 15)
records = []
n = 0

def uid(prefix):
    global n
    n += 1
    return "%s%030x" % (prefix, n)

def checkin(day, hour, fields, body=None):
    t = "%sT%02d:00:00+00:00" % (day.isoformat(), hour)
    records.append({
        "uuid": uid("c1"), "kind": "checkin", "created": t, "updated": t,
        "utc_offset": 0, "starred": False, "private": False, "title": "",
        "tags": [], "fields": [{"key": k, "value": v} for k, v in fields],
        "body": body})

def entry(day, hour, title, tags, body):
    t = "%sT%02d:00:00+00:00" % (day.isoformat(), hour)
    records.append({
        "uuid": uid("e1"), "kind": "entry", "created": t, "updated": t,
        "utc_offset": 0, "starred": False, "private": False, "title": title,
        "tags": tags, "fields": [], "body": body})

def answers(d):
    conflict = d % 3 == 0
    distress = 6 + d % 4 if conflict else 1 + d % 4
    f = [("_def", "daily"), ("distress", str(distress)),
         ("anxious", str(d % 5)), ("low", str((d * 3) % 5)),
         ("sleep", str((d // 2) % 5)),
         ("felt_safe", "no" if conflict else "yes")]
    if conflict:
        f.append(("triggers", "conflict"))
    if d % 4 == 1:
        f.append(("triggers", "rejected"))
    if d % 10 == 7:
        f.append(("triggers", "other"))
        f.append(("triggers.other", "a loud phone call"))
    if d % 2 == 0:
        f.append(("helped", "outside"))
    if d % 6 == 2:
        f.append(("note", "Slept badly; the café was loud"))
    return f

for d in range(360, 120, -1):
    if d % 4 == 0:
        checkin(TODAY - datetime.timedelta(days=d), 20, answers(d))
for d in range(120, 0, -1):
    if d % 5 != 3:
        checkin(TODAY - datetime.timedelta(days=d), 20, answers(d))
checkin(TODAY, 8, answers(0) + [("energy", "3")])

entry(TODAY - datetime.timedelta(days=40), 9, "An old letter", ["family"],
      "I found the letter again.\nIt still stings a little.")
entry(TODAY - datetime.timedelta(days=3), 21, "Naïve hope", ["hope"],
      "Maybe hope is not naive.\nThe Café on the corner was warm.")
entry(TODAY - datetime.timedelta(days=1), 19, "After the call", ["family", "phone"],
      "The call went badly again. I stayed with my breath and it passed.\n"
      "Later I walked to the river and the light on the water was "
      "gentle and slow and I watched it for a long time.")
entry(TODAY, 9, "Morning walk", ["walk"],
      "Cold air and a bright sky.\nI bought bread at the café.")

records.sort(key=lambda r: (r["created"], r["uuid"]))
out = {"format": "tend-json", "version": 1,
       "exported": "2026-01-15T12:00:00+00:00", "records": records}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "journal.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, indent=2, ensure_ascii=False)
    f.write("\n")
