"""The pytest plugin: a QA engineer's test file gets `sandbox` and `sandbox_world` for free."""

from __future__ import annotations


def test_the_plugin_gives_a_fresh_frozen_world_per_test_and_deletes_it(pytester):
    pytester.makepyfile(
        """
        import pytest

        seen = []

        def test_one(sandbox, sandbox_world):
            assert sandbox_world.data["clock"]["frozen"] is True
            shop = sandbox_world.create_shop(name="Acme")
            alice = sandbox_world.create_account(username="alice", age=30)
            link = shop.seller.start_official_link()
            alice.app.scan(link.qr_url).authorize()
            link.wait_until("ready").confirm()
            seen.append(sandbox_world.id)

        def test_two(sandbox, sandbox_world):
            # A new world: alice does not exist here, and the first world is gone.
            sandbox_world.create_account(username="alice", age=30)
            assert sandbox_world.id != seen[0]
            assert seen[0] not in [w.id for w in sandbox.worlds()]

        @pytest.mark.sandbox_world(frozen=False)
        def test_real_time(sandbox_world):
            assert sandbox_world.data["clock"]["frozen"] is False
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:xdist", "-q")
    result.assert_outcomes(passed=3)


def test_a_refusal_raises_SandboxAPIError_with_code_and_rule(pytester):
    pytester.makepyfile(
        """
        import pytest
        from sandbox.client import SandboxAPIError

        def test_refused(sandbox_world):
            shop = sandbox_world.create_shop(name="Acme")
            tom = sandbox_world.create_account(username="tom", age=16)
            link = shop.seller.start_official_link()
            tom.app.scan(link.qr_url).authorize()
            with pytest.raises(SandboxAPIError) as err:
                link.wait_until("ready")
            assert (err.value.code, err.value.rule) == ("LINK_HOLDER_UNDER_18", "C1")
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:xdist", "-q")
    result.assert_outcomes(passed=1)
