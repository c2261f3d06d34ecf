"""Raw mail -> MailRecord: headers, automatic-reply and list kinds, body, parse."""
