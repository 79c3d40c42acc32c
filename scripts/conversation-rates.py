#!/usr/bin/env python3
"""Pass rates of the customer-language conversations per voice, channel and class of trouble.

usage: scripts/conversation-rates.py RESULTS.trx [PREFIX]

Reads a trx written by `dotnet test tests/ParkingBot.Dialogs.Tests --logger trx` and the conversation files beside the
tests (tests/ParkingBot.Dialogs.Tests/Conversations), counts each conversation whose name starts with PREFIX (default
all) as passed when its test passed and it carries no knownGap mark, and prints the tables the closing notes quote.
"""
import os, re, sys, xml.etree.ElementTree as ET
from collections import defaultdict

trx, prefix = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "")
folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "ParkingBot.Dialogs.Tests", "Conversations")
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
files = sorted(os.listdir(folder))
outcome = {}
for result in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult", ns):
    # xUnit shortens a long argument in the test's name ("r2-short-25-gangnam-pass-in-use-every-time-questio"···).
    name = re.search(r'file: "([^"]+)"', result.get("testName", ""))
    if name and ".ConversationTests" in result.get("testName", ""):
        file = next(f for f in files if f.startswith(name.group(1)))
        outcome[file] = result.get("outcome") == "Passed"

def field(text, key):
    found = re.search(rf"^{key}:\s*(.+)$", text, re.M)
    return found.group(1).strip() if found else None

rows = defaultdict(lambda: [0, 0])
failed = []
for file, passed in sorted(outcome.items()):
    if not file.startswith(prefix):
        continue
    text = open(os.path.join(folder, file), encoding="utf-8").read()
    handled = passed and field(text, "knownGap") is None
    classes = re.findall(r"\d+", field(text, "classes") or "")
    for key in ["all", f"voice {field(text, 'voice') or '-'}", f"channel {field(text, 'channel') or 'web'}"] + [f"class {c}" for c in classes]:
        rows[key][0] += handled
        rows[key][1] += 1
    if not handled:
        failed.append(file)

print(f"| {'group':<16} | passed | total | rate |")
print(f"|{'-' * 18}|--------|-------|------|")
for key in sorted(rows, key=lambda k: (k != "all", k)):
    passed, total = rows[key]
    print(f"| {key:<16} | {passed:>6} | {total:>5} | {100 * passed / total:3.0f}% |")
if failed:
    print("\nnot handled:", *failed, sep="\n  ")
