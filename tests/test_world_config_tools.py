"""Rules and settings from the tools QA uses: the `rules` command, `serve --set/--config`, the
pytest marker and scenario files."""

from __future__ import annotations

import json

import pytest

from sandbox.cli import build_parser, main
from sandbox.cli_rules import rules_patch
from sandbox.scenarios import ScenarioError, load, run
from sandbox.serve_config import ConfigError, settings_from

# ---- tiktok-sandbox rules ----

def test_rules_lists_every_rule_with_its_parameters_and_defaults(sandbox, capsys):
    assert main(["rules", "--url", sandbox.url]) == 0
    out = capsys.readouterr().out
    assert "F1.hours = 24" in out and "E2.window_days = 180" in out
    assert any(line.startswith("F1 ") and "24 hours" in line for line in out.splitlines())
    assert main(["rules", "--json", "--url", sandbox.url]) == 0
    listed = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert {"A1", "F1", "M3"} <= set(listed)
    assert listed["F1"]["params"][0]["default"] == 24


def test_rules_shows_a_world_and_set_changes_it_from_the_next_action(sandbox, world, capsys):
    assert main(["rules", "--url", sandbox.url, "--world", world.id]) == 0
    out = capsys.readouterr().out
    assert "F1.hours = 24" in out and "*" not in out.split("\n", 1)[1]
    assert main(["rules", "--world", world.id, "--set", "F1.hours=1", "--set", "F2.max=5",
                 "--url", sandbox.url]) == 0
    out = capsys.readouterr().out
    assert "* F1.hours = 1  (registry default 24)" in out and "* F2.max = 5  (registry default 3)" in out
    assert any(line.startswith("F1 ") and "1 hour" in line for line in out.splitlines())
    assert world.rules()["rules"]["F1"]["hours"] == 1
    assert main(["rules", "--world", world.id, "--set", "F1=null", "--json",
                 "--url", sandbox.url]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["rules"]["F1"]["hours"] == 24 and answer["overridden"] == {"F2": ["max"]}


def test_a_refused_set_is_one_line_with_the_code_and_exit_1(sandbox, world, capsys):
    assert main(["rules", "--url", sandbox.url, "--world", world.id,
                 "--set", "X9.hours=1"]) == 1
    err = capsys.readouterr().err
    assert "UNKNOWN_RULE" in err and len(err.strip().splitlines()) == 1
    assert main(["rules", "--url", sandbox.url, "--world", world.id,
                 "--set", "F1.hours=two"]) == 1
    assert "INVALID_FIELD" in capsys.readouterr().err
    assert world.rules()["overridden"] == {}  # nothing changed


def test_set_without_a_world_or_without_a_value_is_bad_usage(capsys):
    assert main(["rules", "--set", "F1.hours=1", "--url", "http://127.0.0.1:9"]) == 2
    assert "needs --world" in capsys.readouterr().err
    assert main(["rules", "--world", "w", "--set", "F1.hours", "--url", "http://127.0.0.1:9"]) == 2


def test_set_values_are_json_when_they_parse_else_text():
    assert rules_patch(["F1.hours=1", "M2.id_check=false", "F2=null", "X.y=abc", 'X.z="1"']) \
        == {"F1": {"hours": 1}, "M2": {"id_check": False}, "F2": None,
            "X": {"y": "abc", "z": "1"}}


# ---- tiktok-sandbox serve --set / --config ----

def settings(*argv: str, env: dict[str, str] | None = None):
    return settings_from(build_parser().parse_args(["serve", *argv]), env or {})


def test_serve_defaults_are_the_settings_defaults():
    s = settings()
    assert (s.seller_port, s.app_port, s.qr_ttl_seconds, s.rule_defaults) == (8700, 8701, 120, {})
    assert settings("--port", "0").app_port == 0


def test_set_takes_settings_typed_by_their_field_and_rule_parameters():
    s = settings("--set", "qr_ttl_seconds=60", "--set", "oauth_error_status=rfc",
                 "--set", "user_info_strict_fields=true", "--set", "webhook_timeout_seconds=2",
                 "--set", "webhook_retry_seconds=5,60", "--set", "F1.hours=1",
                 "--set", "F2.max=5", "--set", "seller_port=9100", "--set", "db=memory")
    assert (s.qr_ttl_seconds, s.oauth_error_status, s.user_info_strict_fields) == (60, "rfc", True)
    assert s.webhook_timeout_seconds == 2.0 and s.webhook_retry_seconds == (5, 60)
    assert s.rule_defaults == {"F1": {"hours": 1}, "F2": {"max": 5}}
    assert (s.seller_port, s.app_port, s.db) == (9100, 9101, "memory")


def test_a_config_file_then_options_then_set_and_the_env_variable(tmp_path):
    path = tmp_path / "sandbox.toml"
    path.write_text('qr_ttl_seconds = 30\ntoken_preset = "2026"\nseller_port = 9200\n'
                    'webhook_retry_seconds = [1, 2]\n\n[rules.F1]\nhours = 2\n\n'
                    '[rules.E2]\nmax = 4\n', encoding="utf-8")
    s = settings("--config", str(path))
    assert (s.qr_ttl_seconds, s.token_preset, s.seller_port, s.app_port) == (30, "2026", 9200, 9201)
    assert s.webhook_retry_seconds == (1, 2)
    assert s.rule_defaults == {"F1": {"hours": 2}, "E2": {"max": 4}}
    won = settings("--config", str(path), "--set", "qr_ttl_seconds=45", "--set", "F1.hours=3")
    assert won.qr_ttl_seconds == 45 and won.rule_defaults == {"F1": {"hours": 3}, "E2": {"max": 4}}
    assert settings("--config", str(path), "--qr-ttl", "50").qr_ttl_seconds == 50
    from_env = settings(env={"TIKTOK_SANDBOX_CONFIG": str(path),
                             "TIKTOK_SANDBOX_SECRET_KEY": "k" * 32})
    assert from_env.qr_ttl_seconds == 30 and from_env.secret_key == "k" * 32
    other = tmp_path / "other.toml"
    other.write_text("qr_ttl_seconds = 40\n", encoding="utf-8")
    assert settings("--config", str(other), env={"TIKTOK_SANDBOX_CONFIG": str(path)}) \
        .qr_ttl_seconds == 40


@pytest.mark.parametrize(("argv", "says"), [
    (["--set", "nope=1"], "unknown setting(s) nope"),
    (["--set", "X9.hours=1"], "UNKNOWN_RULE X9"),
    (["--set", "F1.minutes=1"], "UNKNOWN_RULE_PARAMETER F1.minutes"),
    (["--set", "F1.hours=soon"], "INVALID_FIELD F1.hours"),
    (["--set", "qr_ttl_seconds=0"], "INVALID_FIELD"),
    (["--set", "qr_ttl_seconds=soon"], "qr_ttl_seconds must be an integer"),
    (["--set", "oauth_error_status=loud"], "must be one of tiktok, rfc"),
    (["--set", "seed_demo=maybe"], "seed_demo must be true or false"),
    (["--set", "rule_defaults={}"], "unknown setting(s) rule_defaults"),
    (["--set", "qr_ttl_seconds"], "expected KEY=VALUE"),
    (["--config", "/nonexistent/sandbox.toml"], "cannot read config file"),
])
def test_a_bad_deployment_setting_is_refused_naming_it(argv, says):
    with pytest.raises(ConfigError) as refused:
        settings(*argv)
    assert says in str(refused.value)


def test_a_bad_config_file_names_its_unknown_keys_and_bad_tables(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('qr_ttl = 30\ncolour = "red"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown setting\(s\) colour, qr_ttl"):
        settings("--config", str(path))
    path.write_text("[rules.F1]\nhours = -1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="config file .*INVALID_FIELD F1.hours"):
        settings("--config", str(path))
    path.write_text("not = toml = at all\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is not TOML"):
        settings("--config", str(path))


def test_serve_refuses_a_bad_setting_at_start_with_exit_2_and_one_line(capsys):
    assert main(["serve", "--db", "memory", "--set", "F1.hours=-1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --set: INVALID_FIELD F1.hours") and err.count("\n") == 1


# ---- the pytest marker ----

def test_the_marker_gives_the_world_its_rules_settings_and_start(pytester):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.sandbox_world(rules={"F1": {"hours": 1}},
                                   settings={"qr_ttl_seconds": 60},
                                   now="2026-01-01T00:00:00Z")
        def test_configured(sandbox_world):
            assert sandbox_world.rules()["rules"]["F1"]["hours"] == 1
            assert sandbox_world.settings()["settings"]["qr_ttl_seconds"] == 60
            clock = sandbox_world.clock.get()
            assert clock["frozen"] is True and clock["now"].startswith("2026-01-01T00:00:00")

        def test_plain(sandbox_world):
            assert sandbox_world.rules()["overridden"] == {}

        @pytest.mark.sandbox_world(rule={"F1": {"hours": 1}})
        def test_misspelt(sandbox_world):
            pass
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:xdist", "-q", "--strict-markers")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*TypeError: sandbox_world marker: unknown option(s)*rule*"])


# ---- scenario files ----

UNLINK_AFTER_AN_HOUR = """
name: one hour cooldown
rules: {F1: {hours: 1}}
settings: {qr_ttl_seconds: 60}
actors:
  shops: {acme: {name: Acme Official}}
  accounts: {bob: {age: 30}}
steps:
  - {do: invite, account: bob, as: invitation}
  - {do: accept_invitation, account: bob}
  - {do: wait, of: invitation, until: linked}
  - {do: advance, by: PT59M}
  - {do: unlink, link: invitation, expect: {error: {code: UNLINK_TOO_SOON, rule: F1}}}
  - {do: advance, by: PT1M}
  - {do: unlink, link: invitation, expect: {status: unlinked, events: [link.unlinked]}}
"""


def test_a_scenario_with_a_one_hour_F1_unlinks_after_one_hour(sandbox):
    result = run(load(UNLINK_AFTER_AN_HOUR), sandbox)
    assert result.passed, result.summary()
    assert result.transcript["rules"] == {"F1": {"hours": 1}}
    assert result.transcript["settings"] == {"qr_ttl_seconds": 60}


def test_a_scenario_with_bad_rules_or_settings_is_invalid_exit_2(sandbox, tmp_path, capsys):
    with pytest.raises(ScenarioError, match="rules.F1.minutes"):
        load(UNLINK_AFTER_AN_HOUR.replace("hours: 1}}", "minutes: 1}}"))
    path = tmp_path / "bad.yaml"
    path.write_text(UNLINK_AFTER_AN_HOUR.replace("{F1: {hours: 1}}", "{Z1: {hours: 1}}"),
                    encoding="utf-8")
    assert main(["run", str(path), "--url", sandbox.url]) == 2
    assert "UNKNOWN_RULE" in capsys.readouterr().err
    path.write_text(UNLINK_AFTER_AN_HOUR.replace("qr_ttl_seconds: 60", "qr_ttl: 60"),
                    encoding="utf-8")
    assert main(["run", str(path), "--url", sandbox.url]) == 2
    assert "UNKNOWN_SETTING" in capsys.readouterr().err
