"""Draw the installed app's icons (192 and 512 px, plain and maskable) with Pillow.

The PNGs are committed under cms/static/cms/icons/; run this again only to change the design.
A sprout on the brand colour: two leaves and a stem, kept inside the central 60 % so a
maskable icon survives any mask shape (the safe zone is a circle of 80 %).
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw

BRAND = (11, 110, 93, 255)
WHITE = (255, 255, 255, 255)
OUT = Path(__file__).resolve().parents[2] / "static" / "cms" / "icons"


def draw(size: int, *, maskable: bool) -> Image.Image:
    """The icon at ``size`` px: full-bleed when maskable, a rounded square otherwise."""
    scale = 4  # draw large, then shrink, for smooth edges
    s = size * scale
    image = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if maskable:
        pen.rectangle((0, 0, s, s), fill=BRAND)
    else:
        pen.rounded_rectangle((0, 0, s - 1, s - 1), radius=s // 5, fill=BRAND)

    def at(x: float, y: float) -> tuple[float, float]:
        # the design in a unit square, placed in the central 60 %
        return (s * (0.2 + 0.6 * x), s * (0.2 + 0.6 * y))

    stem = s * 0.045
    pen.line([at(0.5, 0.95), at(0.5, 0.42)], fill=WHITE, width=int(stem))
    pen.ellipse((*at(0.44, 0.9), *at(0.56, 1.0)), fill=WHITE)
    pen.polygon([at(0.5, 0.55), at(0.12, 0.42), at(0.06, 0.12), at(0.38, 0.2)], fill=WHITE)
    pen.polygon([at(0.5, 0.45), at(0.9, 0.3), at(0.96, 0.0), at(0.62, 0.08)], fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


class Command(BaseCommand):
    help = "Draw the app icons (192/512, plain and maskable) into cms/static/cms/icons/."

    def handle(self, *args, **options):
        OUT.mkdir(parents=True, exist_ok=True)
        for size in (192, 512):
            for maskable in (False, True):
                name = f"icon-{'maskable-' if maskable else ''}{size}.png"
                draw(size, maskable=maskable).save(OUT / name, optimize=True)
                self.stdout.write(f"{name}: {(OUT / name).stat().st_size} bytes")
