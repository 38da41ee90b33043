"""Episode pages: the guid, audio metadata read from uploads, the page tree, lessons using it."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cms.models import LessonPage, ModulePage, ProgrammePage, StagePage
from podcasts.models import EpisodePage, PodcastIndexPage
from tests.podcasts.factories import make_episode, mp3_bytes

pytestmark = pytest.mark.django_db


class TestGuid:
    def test_given_once_and_never_changed(self, podcast):
        episode = make_episode(podcast)
        guid = episode.guid
        assert len(guid) == 36

        episode.guid = "something-else"
        episode.title = "Judul baru"
        episode.save()
        episode.refresh_from_db()
        assert (episode.guid, episode.title) == (guid, "Judul baru")

        # publishing a revision (a fresh object built from JSON) keeps it too
        fresh = EpisodePage.objects.get(pk=episode.pk)
        fresh.guid = "other"
        fresh.save_revision().publish()
        assert EpisodePage.objects.get(pk=episode.pk).guid == guid

    def test_each_episode_has_its_own(self, podcast):
        guids = {make_episode(podcast).guid for _ in range(3)}
        assert len(guids) == 3

    def test_a_copy_gets_a_new_guid(self, podcast):
        episode = make_episode(podcast)
        copy = episode.copy(update_attrs={"slug": "salinan", "title": "Salinan"})
        assert copy.specific.guid and copy.specific.guid != episode.guid


class TestAudioMetadata:
    def test_read_from_the_uploaded_file(self, podcast, media_root):
        data = mp3_bytes(3)
        episode = make_episode(podcast, upload=data)
        assert episode.duration == 3
        assert episode.audio_size == len(data)
        assert episode.audio_type == "audio/mpeg"
        assert episode.audio_file.name.startswith("podcasts/audio/")
        assert episode.audio_src == f"/podcasts/audio/{episode.pk}.mp3"

    def test_a_file_that_is_not_audio_is_refused(self, podcast, media_root):
        episode = EpisodePage(
            title="Bukan audio",
            slug="bukan-audio",
            audio_file=ContentFile(b"%PDF-1.4 not audio at all" * 100, name="surat.mp3"),
        )
        with pytest.raises(ValidationError) as error:
            episode.full_clean()
        assert "audio_file" in error.value.message_dict

    def test_audio_file_or_url_is_required(self, podcast):
        with pytest.raises(ValidationError) as error:
            EpisodePage(title="Kosong", slug="kosong").full_clean()
        assert "Upload an audio file" in str(error.value)

    def test_uploaded_in_the_admin(self, client, podcast, media_root, manager):
        manager.is_superuser = True
        manager.save()
        client.force_login(manager)
        upload = SimpleUploadedFile("rekaman.mp3", mp3_bytes(2), content_type="audio/mpeg")
        data = nested_form_data(
            {
                "title": "Dari admin",
                "slug": "dari-admin",
                "summary": "Diunggah lewat admin",
                "audio_url": "",
                "duration": "",
                "audio_size": "",
                "audio_type": "",
                "published_at": "2025-09-01 08:00",
                "show_notes": rich_text("<p>Catatan</p>"),
                "transcript": "",
                "transcript_url": "",
                "action-publish": "publish",
            }
        )
        data["audio_file"] = upload
        response = client.post(
            f"/admin/pages/add/podcasts/episodepage/{podcast.pk}/", data, follow=False
        )
        assert response.status_code == 302, response.context["form"].errors
        episode = EpisodePage.objects.get(slug="dari-admin")
        assert episode.live
        assert (episode.duration, episode.audio_size) == (2, len(mp3_bytes(2)))
        assert episode.audio_type == "audio/mpeg"
        assert episode.guid


class TestTree:
    def test_podcast_lives_under_the_home_page_and_holds_episodes(self):
        assert PodcastIndexPage.parent_page_types == ["cms.HomePage"]
        assert PodcastIndexPage.subpage_types == ["podcasts.EpisodePage"]
        assert EpisodePage.parent_page_types == ["podcasts.PodcastIndexPage"]
        from cms.models import HomePage

        assert PodcastIndexPage in HomePage.allowed_subpage_models()


class TestLessonsUsingAnEpisode:
    def _lesson(self, home, episode, slug="pelajaran"):
        programme = home.add_child(instance=ProgrammePage(title="Program", slug="program"))
        stage = programme.add_child(instance=StagePage(title="Tahap", slug="tahap", kind="mastery"))
        module = stage.add_child(instance=ModulePage(title="Modul", slug="modul"))
        return module.add_child(
            instance=LessonPage(
                title="Pelajaran dengan episode",
                slug=slug,
                summary="Dengarkan episode ini",
                body=[("episode", {"episode": episode, "note": "Dengarkan bagian awal"})],
            )
        )

    def test_episode_page_lists_the_lessons(self, client, podcast, participant):
        episode = make_episode(podcast, title="Episode dipakai")
        lesson = self._lesson(podcast.get_parent(), episode)

        response = client.get(episode.url)
        assert response.status_code == 200
        assert [page.pk for page in response.context["lessons"]] == [lesson.pk]
        assert lesson.title in response.content.decode()

        client.force_login(participant)
        html = client.get(lesson.url).content.decode()
        assert "episode-embed" in html
        assert 'preload="none"' in html
        assert episode.audio_src in html
