"""Demo podcast: a show with three short episodes, their audio generated at load time.

The audio is speech from espeak-ng when it is installed, else tones from ffmpeg; nothing is
committed to the repository. Lessons get an episode block pointing at each episode.
Idempotent: what exists already is left as it is.
"""

import io
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from cms.demo import Loader
from cms.models import HomePage, LessonPage
from podcasts.audio import tone_or_speech_mp3
from podcasts.models import EpisodePage, PodcastIndexPage

PODCAST = {
    "id": {
        "title": "Podcast Berdaya",
        "description": (
            "Cerita dan tips singkat untuk purna pekerja migran yang memulai usaha di kampung "
            "halaman: motivasi, keuangan keluarga dan pemasaran. Setiap episode kurang dari "
            "sepuluh menit, cocok didengar sambil bekerja."
        ),
        "language": "id",
    },
    "en": {
        "title": "Berdaya Podcast",
        "description": (
            "Short stories and tips for returning migrant workers starting a business at home: "
            "motivation, family finances and marketing. Every episode is under ten minutes."
        ),
        "language": "en",
    },
}

EPISODES = [
    {
        "slug": "alasan-pulang-dan-berusaha",
        "number": 1,
        "lesson": "alasan-saya-berusaha",
        "speech": (
            "Selamat datang di Podcast Berdaya. Hari ini kita bicara tentang alasan pulang "
            "dan memulai usaha sendiri di kampung halaman."
        ),
        "id": {
            "title": "Alasan pulang dan berusaha",
            "summary": "Mengapa banyak purna pekerja migran memilih membuka usaha sendiri.",
            "show_notes": "<p>Kita mendengar cerita Ibu Siti dari Lombok Timur.</p>",
        },
        "en": {
            "title": "Why come home and start a business",
            "summary": "Why many returning migrant workers choose to start their own business.",
            "show_notes": "<p>We hear the story of Ibu Siti from Lombok Timur.</p>",
        },
    },
    {
        "slug": "mengatur-kiriman-uang",
        "number": 2,
        "lesson": "kiriman-uang-produktif",
        "speech": (
            "Episode kedua. Bagaimana mengatur kiriman uang supaya sebagian menjadi modal "
            "usaha, bukan habis untuk belanja sehari-hari."
        ),
        "id": {
            "title": "Mengatur kiriman uang",
            "summary": "Membagi kiriman uang untuk kebutuhan, tabungan dan modal usaha.",
            "show_notes": "<p>Tiga amplop: kebutuhan, tabungan, modal.</p>",
        },
        "en": {
            "title": "Managing remittances",
            "summary": "Splitting remittances between needs, savings and business capital.",
            "show_notes": "<p>Three envelopes: needs, savings, capital.</p>",
        },
    },
    {
        "slug": "jualan-lewat-whatsapp",
        "number": 3,
        "lesson": "katalog-whatsapp-dan-foto-produk",
        "speech": (
            "Episode ketiga. Membuat katalog WhatsApp dan foto produk yang menarik hanya "
            "dengan ponsel."
        ),
        "id": {
            "title": "Jualan lewat WhatsApp",
            "summary": "Katalog WhatsApp dan foto produk yang baik dengan ponsel saja.",
            "show_notes": "<p>Cahaya dari jendela, latar polos, dan harga yang jelas.</p>",
        },
        "en": {
            "title": "Selling on WhatsApp",
            "summary": "A WhatsApp catalogue and good product photos with just a phone.",
            "show_notes": "<p>Window light, a plain background and a clear price.</p>",
        },
    },
]


def _artwork():
    Image = get_image_model()
    title = "Podcast Berdaya (sampul)"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    picture = PILImage.new("RGB", (1400, 1400), "#0b6e5d")
    draw = ImageDraw.Draw(picture)
    draw.ellipse((300, 300, 1100, 1100), outline="white", width=40)
    draw.text((420, 640), "BERDAYA", fill="white", font_size=120)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return Image.objects.create(title=title, file=ImageFile(buffer, name="podcast-berdaya.jpg"))


def _audio(text: str, slug: str) -> ContentFile:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"{slug}.mp3"
        tone_or_speech_mp3(text, target, voice="id")
        return ContentFile(target.read_bytes(), name=f"{slug}.mp3")


def _link_lesson(lesson: LessonPage, episode: EpisodePage) -> bool:
    """Append an episode block to the lesson's body unless it has one for this episode."""
    for block in lesson.body:
        if block.block_type == "episode" and block.value["episode"].pk == episode.pk:
            return False
    block = lesson.body.stream_block.child_blocks["episode"]
    lesson.body.append(("episode", block.to_python({"episode": episode.pk, "note": ""})))
    lesson.save_revision().publish()
    return True


@transaction.atomic
def load_demo_podcast(*, stdout=None) -> dict[str, int]:
    from podcasts.services import data_saver_make

    loader = Loader(stdout=stdout)
    loader.ensure_locales()
    home = HomePage.objects.filter(locale=loader.locales["id"]).first()
    if home is None:
        return {}
    artwork = _artwork()
    podcast = loader.child(
        home,
        PodcastIndexPage,
        "podcast",
        {
            lang: {
                **PODCAST[lang],
                "artwork": artwork,
                "category": "Business/Entrepreneurship",
                "author": "Tim Berdaya",
                "owner_name": "Tim Berdaya",
                "owner_email": "podcast@berdaya.example.org",
            }
            for lang in ("id", "en")
        },
    )
    podcast_en = podcast.get_translation(loader.locales["en"])
    for data in EPISODES:
        exists = EpisodePage.objects.child_of(podcast).filter(slug=data["slug"]).exists()
        fields = {
            lang: {**data[lang], "episode_number": data["number"], "season_number": 1}
            for lang in ("id", "en")
        }
        if not exists:
            fields["id"]["audio_file"] = _audio(data["speech"], data["slug"])
            fields["id"]["transcript"] = data["speech"]
        episode = loader.child(podcast, EpisodePage, data["slug"], fields)
        episode_en = episode.get_translation(loader.locales["en"])
        if episode.audio_file:
            data_saver_make(source_name=episode.audio_file.name)
        for parent, page in ((podcast, episode), (podcast_en, episode_en)):
            lesson = LessonPage.objects.filter(slug=data["lesson"], locale=parent.locale).first()
            if lesson is not None and _link_lesson(lesson, page):
                loader.count("lesson links")
    if stdout is not None and loader.created:
        summary = ", ".join(f"{n} {kind}" for kind, n in sorted(loader.created.items()))
        stdout.write(f"Demo podcast: {summary}.")
    return loader.created
