"""What presenters see on every page of both apps: the world-clock bar and live updates."""
