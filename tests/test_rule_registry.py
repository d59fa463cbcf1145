"""The rule registry (sandbox/rules) is the one declaration of every rule: RULES.md's rules and
texts, the codes they raise (checked when raised), and what the control plane lists."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from rules_md import RULES_MD, parse

from sandbox.kernel.errors import Conflict, RuleViolation, UndeclaredRefusal
from sandbox.rules.registry import BY_ID, RULES, all_codes, declared, rule_text

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not RULES_MD.exists(), reason="no ../shared/RULES.md beside the checkout")
def test_every_rule_of_RULES_md_is_declared_with_its_text():
    written = parse(RULES_MD.read_text("utf-8"))
    assert set(written) == set(BY_ID)
    assert {rule: rule_text(rule) for rule in written} == written


def test_rules_lists_every_rule_with_its_codes_and_parameters(sandbox, control_http):
    listed = control_http.get("/_sandbox/v1/rules").json()["rules"]
    assert [r["id"] for r in listed] == [r.id for r in RULES]
    f1 = next(r for r in listed if r["id"] == "F1")
    assert f1["text"] == "No unlink earlier than 24 hours after the link was made."
    assert f1["codes"] == [{"code": "UNLINK_TOO_SOON", "status": 422}]
    assert f1["params"][0] | {"text": ""} == {
        "name": "hours", "unit": "hours", "type": "int", "default": 24, "per_market": {},
        "min": 0, "max": 87600, "text": ""}
    m2 = next(r for r in listed if r["id"] == "M2")
    assert m2["params"][0]["per_market"] == {"US": False, "CB": False}
    c8 = next(r for r in listed if r["id"] == "C8")
    assert {"code": "INVITEE_ACCOUNT_STATUS_ABNORMAL", "status": 422,
            "ticket_fixable": False} in c8["codes"]


@pytest.mark.parametrize(("rule", "param", "default"), [
    ("F1", "hours", 24), ("E1", "hours", 48), ("E2", "max", 10), ("E2", "window_days", 180),
    ("F2", "max", 3), ("F3", "max", 10), ("F3", "window_days", 180), ("B3", "max", 4),
    ("C1", "min_age", 18), ("G2", "max_name_length", 29), ("G3", "seconds", 150),
    ("G5", "max", 2), ("H1", "trial_days", 15), ("A4", "followers", 1000), ("J5", "max", 1)])
def test_the_parameter_names_scripts_rely_on(rule, param, default):
    assert BY_ID[rule].param(param).default == default


def test_a_refusal_naming_a_rule_that_does_not_declare_its_code_is_a_bug():
    assert RuleViolation("x", code="UNLINK_TOO_SOON", rule="F1").status == 422
    with pytest.raises(UndeclaredRefusal, match="does not declare"):
        RuleViolation("x", code="UNLINK_TOO_LATE", rule="F1")
    with pytest.raises(UndeclaredRefusal, match="declared with HTTP 422"):
        Conflict("x", code="UNLINK_TOO_SOON", rule="F1")


def _literal_refusals(path: Path):
    """(code, rule) of every call in `path` that passes both as string literals."""
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call):
            kw = {k.arg: k.value for k in node.keywords}
            code, rule = kw.get("code"), kw.get("rule")
            if isinstance(code, ast.Constant) and isinstance(rule, ast.Constant):
                yield node.lineno, code.value, rule.value


def test_every_literal_refusal_of_the_source_is_declared_in_the_registry():
    """Beside the check every refusal makes when raised: the ones the suite never raises."""
    missing = [(str(path.relative_to(ROOT)), line, code, rule)
               for package in ("sandbox", "fake_tiktok_app")
               for path in (ROOT / package).rglob("*.py")
               for line, code, rule in _literal_refusals(path)
               if isinstance(rule, str) and declared(code, rule) is None]
    assert missing == []


def test_every_declared_code_is_in_the_error_catalogue(sandbox):
    listed = {(e["code"], e["rule"]) for e in sandbox.errors()}
    codes = {e["code"] for e in sandbox.errors()}
    for rule, code in all_codes():
        assert (code.code, rule.id) in listed or (code.general and code.code in codes), code


def test_the_readme_table_of_rule_parameters_is_the_registrys():
    from sandbox.rules.tables import BEGIN, END, block

    text = (ROOT / "README.md").read_text("utf-8")
    assert text[text.index(BEGIN):text.index(END) + len(END)] == block()


def test_docs_tables_of_rule_parameters_and_settings_agree_with_the_code():
    import re
    from dataclasses import fields

    from sandbox.kernel.settings import Settings

    rows = re.findall(r"^\| ([A-Z]\d+) `(\w+)` \| ([\d,]+)", (ROOT / "docs" /
                      "organization-accounts.md").read_text("utf-8"), re.M)
    assert len(rows) >= 10
    for rule, param, default in rows:
        assert BY_ID[rule].param(param).default == int(default.replace(",", "")), (rule, param)
    settings = {f.name for f in fields(Settings)}
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("**Settings** say how TikTok behaves"):]
    named = re.findall(r"^\| `(\w+)`", section[:section.index("\n\n", section.index("|"))], re.M)
    assert named and set(named) <= settings


def _code_tables():
    """(file:line, codes, rules, status) of every row of a docs table headed `code … rule`."""
    import re

    for path in (ROOT / "docs").glob("*.md"):
        header: list[str] | None = None
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            cells = [c.strip().lower() for c in line.strip().strip("|").split("|")]
            if not line.startswith("|"):
                header = None
            elif header is None:
                header = cells if {"code", "rule"} <= set(cells) else None
            elif not set(line) <= set("|-: "):
                row = dict(zip(header, [c.strip() for c in line.strip().strip("|").split("|")],
                               strict=False))
                status = re.search(r"\b([1-5]\d\d)\b", row.get("status", "") + row["code"])
                yield (f"{path.name}:{n}", re.findall(r"[A-Z][A-Z0-9_]{3,}\*?", row["code"]),
                       re.findall(r"\b[A-Z]\d+\b", row["rule"]), int(status[1]) if status else None)


def test_docs_tables_of_codes_agree_with_the_registry():
    rows = list(_code_tables())
    assert len(rows) >= 30
    for where, codes, rules, status in rows:
        declared_by = {c: [d for r in rules if (d := _declared(c, r))] for c in codes}
        for code, found in declared_by.items():
            if not rules:  # "—": a refusal no rule names
                assert not [d for r in BY_ID for d in [_declared(code, r)] if d and not d.general], where
                continue
            assert found, f"{where}: {code} is declared by none of {rules}"
            assert status is None or code.endswith("*") or found[0].status == status, where
        for rule in rules:
            assert any(_declared(c, rule) for c in codes), f"{where}: {rule} declares none of {codes}"


def _declared(code: str, rule: str):
    """The declaration of `code` under `rule`; `PREFIX_*` is any code of the rule so named."""
    if code.endswith("*"):
        return next((c for c in BY_ID[rule].codes if c.code.startswith(code[:-1])), None)
    return declared(code, rule)
