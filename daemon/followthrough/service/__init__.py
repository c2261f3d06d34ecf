"""The service: pass runner, status, logs, daemon, lock, sd_notify, the systemd unit."""
