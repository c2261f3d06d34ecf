"""Microsoft 365 over Microsoft Graph (the [microsoft] extra)."""
