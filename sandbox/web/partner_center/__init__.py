"""Partner Center (MCN and TAP partners): its pages and its actor API."""
