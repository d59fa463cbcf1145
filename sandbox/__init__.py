"""TikTok Shop Sandbox: Seller Center, the Open API and the control plane (TikTok Shop's side)."""

__version__ = "0.1.0"
