"""The config file read into `Settings`.

One declarative schema: each table is a frozen dataclass whose fields carry their type,
default and help (``accounts``, ``microsoft``, ``user``, ``storage``, ``behaviour``), read
by one generic ``reader`` and assembled by ``settings`` (`load_settings`, `Settings`);
``example`` writes config.example.toml from the same fields. Beside it: ``contacts``
(contacts.toml), ``secrets`` (the keyring and credentials) and ``voice`` (the locale).
"""
