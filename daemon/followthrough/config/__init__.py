"""The config file read into `Settings`: reader, schema, accounts, contacts, secrets, voice."""
