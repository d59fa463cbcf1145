"""The report's three forms: a terminal line per case (mark, id, reason), JSON, JUnit XML."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from sandbox.readiness.cases import BY_ID
from sandbox.readiness.results import FAIL, PASS, SKIP, Report

MARKS = {PASS: "✔", FAIL: "✘", SKIP: "–"}


def terminal(report: Report) -> str:
    width = max((len(r.case) for r in report.results), default=0)
    lines = [f"readiness check of app {report.app_key} in world {report.world}"]
    for r in report.results:
        lines.append(f"{MARKS[r.status]} {r.status:<4} {r.case:<{width}}  {r.reason}")
        if r.status == FAIL:
            lines.append(f"  {'':<{width + 7}}TikTok requires: {BY_ID[r.case].requires}")
            lines.append(f"  {'':<{width + 7}}read: {BY_ID[r.case].doc}")
    counts = report.counts()
    lines.append(f"{counts[PASS]} passed, {counts[FAIL]} failed, {counts[SKIP]} skipped "
                 f"in {report.seconds:.1f} s")
    return "\n".join(lines)


def as_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, sort_keys=True)


def junit(report: Report) -> str:
    counts = report.counts()
    suite = ET.Element("testsuite", name=f"tiktok-sandbox readiness ({report.app_key})",
                       tests=str(len(report.results)), failures=str(counts[FAIL]),
                       skipped=str(counts[SKIP]), errors="0", time=f"{report.seconds:.3f}")
    for r in report.results:
        case = ET.SubElement(suite, "testcase", classname=r.case.split(".")[0], name=r.case,
                             time=f"{r.seconds:.3f}")
        if r.status == FAIL:
            failure = ET.SubElement(case, "failure", message=r.reason)
            failure.text = (f"{r.reason}\nTikTok requires: {BY_ID[r.case].requires}\n"
                            f"Read: {BY_ID[r.case].doc}")
        elif r.status == SKIP:
            ET.SubElement(case, "skipped", message=r.reason)
        else:
            ET.SubElement(case, "system-out").text = r.reason
    return ET.tostring(suite, encoding="unicode", xml_declaration=True)
