"""The fake app's due jobs, registered on a Runtime by every process that may fire them.

The sandbox process registers them too: `advance` is served by its control plane, and it must
fire every job of the world even when the fake app is served by another process."""

from __future__ import annotations

from fake_tiktok_app.services import douyin, organization, qr, shop_links
from sandbox.kernel.runtime import Runtime


def register_jobs(runtime: Runtime) -> None:
    runtime.register_job(qr.EXPIRE_JOB, qr.expire_job)
    runtime.register_job(organization.CREATE_JOB, organization.create_job)
    runtime.register_job(organization.TRIAL_END_JOB, organization.trial_end_job)
    runtime.register_job(douyin.VERIFY_JOB, douyin.verification_job)
    runtime.register_job(shop_links.EXPIRE_JOB, shop_links.expire_job)
