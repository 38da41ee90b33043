"""The browser's own date and time pickers, with their values in the one format they read.

``<input type="time">`` reads only ``HH:MM`` and ``<input type="date">`` only ``YYYY-MM-DD``;
Django would otherwise write the active language's format ("23.59.00" in Indonesian), which
the browser shows as blank, and a required field then fails.
"""

from django import forms


class NativeDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class NativeTimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")
