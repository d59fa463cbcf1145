"""Scenario files: every shipped scenario passes with a byte-identical transcript over two runs,
a failed expectation exits non-zero naming its step, the HTTP runner, and the journey CLI."""

from __future__ import annotations

import json

import pytest

from sandbox.cli import main
from sandbox.scenarios import library, load, read, run

SHIPPED = sorted(library())


@pytest.mark.parametrize("name", SHIPPED)
def test_each_shipped_scenario_passes_and_its_transcript_is_identical_over_two_runs(sandbox,
                                                                                    name):
    scenario = load(read(name)[0])
    first, second = (run(scenario, sandbox, seed=7) for _ in range(2))
    assert first.passed, first.summary()
    assert first.text == second.text
    assert '"seed": 7' in first.text and sandbox.url not in first.text


def test_the_library_covers_every_C_refusal_and_the_journeys_of_the_brief():
    rules = {n.split("_")[1] for n in SHIPPED if n.startswith("refusal_")}
    assert rules == {"c1", "c2", "c3", "c4", "c5", "c6", "c7"}
    assert {"official_link", "organization_otp", "upgrade_trial", "marketing_and_unlinking",
            "partner_app_lifecycle", "partner_center", "douyin_shop"} <= set(SHIPPED)


def test_a_transcript_has_world_time_and_stable_names_only(sandbox):
    result = run(load(read("official_link")[0]), sandbox)
    steps = result.transcript["steps"]
    assert steps[0]["now"] == "2026-01-05T09:00:00Z"
    assert steps[-1]["result"]["links"][0]["open_id"] == "account:alice"
    assert result.world_id not in result.text and sandbox.app_url not in result.text
    assert "{app}/phone/authorize?" in steps[0]["result"]["qr_url"]


FAILING = """
name: wrong_expectation
actors:
  shops: {acme: {name: Acme}}
  accounts: {teen: {age: 17, region: US}}
steps:
  - {do: start_official_link, as: link}
  - {name: expects the wrong outcome, do: refresh, of: link, expect: {status: linked}}
  - {do: scan, qr: link}
"""


def test_a_failed_expectation_exits_non_zero_naming_the_step_and_why(sandbox, tmp_path, capsys):
    path = tmp_path / "wrong.yaml"
    path.write_text(FAILING)
    transcript = tmp_path / "out.json"
    code = main(["run", str(path), "--url", sandbox.url, "--transcript", str(transcript)])
    err = capsys.readouterr().err
    assert code == 1
    assert "step 2 (expects the wrong outcome)" in err and "expected status 'linked'" in err
    written = json.loads(transcript.read_text())
    assert written["passed"] is False and len(written["steps"]) == 2  # it stopped there


def test_run_cli_passes_writes_the_transcript_and_lists_the_library(sandbox, tmp_path, capsys):
    out = tmp_path / "t.json"
    assert main(["run", "official_link", "--url", sandbox.url, "--transcript", str(out)]) == 0
    assert out.read_text() == run(load(read("official_link")[0]), sandbox).text
    assert main(["run", "--list"]) == 0
    assert "refusal_c1_under_18" in capsys.readouterr().out


def test_a_bad_scenario_file_is_exit_2_naming_what_to_fix(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text("steps:\n  - {do: fly_to_the_moon}\n")
    assert main(["run", str(path)]) == 2
    assert "step 1: unknown action 'fly_to_the_moon'" in capsys.readouterr().err


def test_http_runner_takes_json_or_yaml_and_gives_the_same_transcript(sandbox, control_http):
    text = read("refusal_c1_under_18")[0]
    local = run(load(text), sandbox, seed=3).transcript
    as_json = control_http.post("/_sandbox/v1/scenarios/run", json={"scenario": text, "seed": 3})
    assert as_json.status_code == 200, as_json.text
    assert as_json.json()["passed"] is True and as_json.json()["transcript"] == local
    source = (read("refusal_c1_under_18")[1])
    with open(source, encoding="utf-8") as f:
        as_yaml = control_http.post("/_sandbox/v1/scenarios/run?seed=3", content=f.read(),
                                    headers={"Content-Type": "application/yaml"})
    assert as_yaml.status_code == 200 and as_yaml.json()["transcript"] == local


def test_http_runner_reports_a_failed_step_and_refuses_a_bad_scenario(control_http):
    failed = control_http.post("/_sandbox/v1/scenarios/run", json={"scenario": FAILING}).json()
    assert failed["passed"] is False and failed["failures"][0]["step"] == 2
    bad = control_http.post("/_sandbox/v1/scenarios/run",
                            json={"scenario": {"steps": [{"do": "nope"}]}})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "INVALID_SCENARIO"
    setup = control_http.post("/_sandbox/v1/scenarios/run", json={"scenario": {
        "actors": {"shops": {"x": {"market": "MARS"}}}}})
    assert setup.status_code == 400
    assert setup.json()["error"]["code"] == "SCENARIO_SETUP_REFUSED"


def test_journey_cli_link_invite_and_otp_print_json(sandbox, world, capsys):
    shop = world.create_shop("Acme Official", phone="+12025550199", organization_account=True)
    alice = world.create_account("alice", age=30)
    bob = world.create_account("bob", age=30)
    seller = shop.data["seller"]
    common = ["--url", sandbox.url, "--world", world.id, "--shop", seller["email"],
              "--seller-password", seller["password"]]
    assert main(["link", *common, "--account", "alice", "--password", alice.password]) == 0
    linked = json.loads(capsys.readouterr().out)
    assert linked["status"] == "linked" and linked["account"]["open_id"] == alice.open_id
    assert main(["invite", *common, "--account", "bob", "--password", bob.password]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "linked"
    world.clock.advance("PT3M")
    assert main(["otp", *common]) == 0
    otp = json.loads(capsys.readouterr().out)
    assert otp["one_time_password"] and otp["username"]
