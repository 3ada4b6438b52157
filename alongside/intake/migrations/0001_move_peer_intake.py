"""The peer's intake moves here from matching, so partnerships (below matching) can read it.

The table is kept as it is and renamed; existing rows stay where they are.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import alongside.core.fields


def _rename_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="matching", model="peerintake").update(app_label="intake")


def _restore_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="intake", model="peerintake").update(app_label="matching")


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0002_intake_requests_waitlist"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PeerIntake",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("hopes", alongside.core.fields.EncryptedTextField(blank=True, default="")),
                        (
                            "talk_about",
                            alongside.core.fields.EncryptedTextField(blank=True, default=""),
                        ),
                        (
                            "avoid_topics",
                            alongside.core.fields.EncryptedJSONField(blank=True, default=list),
                        ),
                        (
                            "lived_experience",
                            alongside.core.fields.EncryptedJSONField(blank=True, default=list),
                        ),
                        ("meeting_modes", models.JSONField(blank=True, default=list)),
                        ("preferred_times", models.JSONField(blank=True, default=list)),
                        ("languages", models.JSONField(blank=True, default=list)),
                        ("region", models.CharField(blank=True, max_length=80)),
                        (
                            "prefer_gender",
                            alongside.core.fields.EncryptedTextField(blank=True, default=""),
                        ),
                        (
                            "prefer_age_range",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("18-24", "18 to 24"),
                                    ("25-34", "25 to 34"),
                                    ("35-49", "35 to 49"),
                                    ("50+", "50 and over"),
                                ],
                                max_length=8,
                            ),
                        ),
                        ("prefer_lgbtq2s", models.BooleanField(default=False)),
                        (
                            "prefer_culture",
                            alongside.core.fields.EncryptedTextField(blank=True, default=""),
                        ),
                        (
                            "lights_plan",
                            alongside.core.fields.EncryptedJSONField(blank=True, default=dict),
                        ),
                        ("shared_items", models.JSONField(blank=True, default=list)),
                        ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "peer",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="peer_intake",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={"db_table": "matching_peerintake"},
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="peerintake", table=None),
        migrations.RunPython(_rename_content_type, _restore_content_type),
    ]
