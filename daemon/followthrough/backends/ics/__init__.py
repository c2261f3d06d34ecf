"""iCalendar payloads -> CalendarRecords: text mended (repair), then read and expanded (parse)."""
