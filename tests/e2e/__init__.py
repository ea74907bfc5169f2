"""End-to-end tests: the real app in headless Chromium (marked ``e2e``)."""
