"""A short name for a device from its User-Agent (shown in the devices list and the admin)."""


def device_label(user_agent: str) -> str:
    """A short name for a device from its User-Agent ("Chrome on Android")."""
    ua = user_agent or ""
    browser = next(
        (
            name
            for token, name in (
                ("SamsungBrowser", "Samsung Internet"),
                ("Edg/", "Edge"),
                ("Firefox", "Firefox"),
                ("Chrome", "Chrome"),
                ("Safari", "Safari"),
            )
            if token in ua
        ),
        "Browser",
    )
    system = next(
        (
            name
            for token, name in (
                ("Android", "Android"),
                ("iPhone", "iPhone"),
                ("iPad", "iPad"),
                ("Windows", "Windows"),
                ("Mac OS", "Mac"),
                ("Linux", "Linux"),
            )
            if token in ua
        ),
        "",
    )
    return f"{browser} · {system}" if system else browser
