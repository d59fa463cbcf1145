"""Readiness checks (sandbox extension): drive a partner's running integration through what
TikTok will do to it and say, case by case, what the app did (`tiktok-sandbox check`)."""

from sandbox.readiness.cases import CASES, case_ids
from sandbox.readiness.results import Report, Result
from sandbox.readiness.runner import UsageProblem, assert_ready, run_checks

__all__ = ["CASES", "Report", "Result", "UsageProblem", "assert_ready", "case_ids", "run_checks"]
