from django.db import migrations, models

# The steps as they were when the intake was split into them (a frozen copy, not an import).
STEPS_AT_SPLIT = ["hopes", "lights", "experience", "meeting", "mentor", "sharing"]


def mark_earlier_intakes_complete(apps, schema_editor):
    """An intake saved before the split was saved whole, in one form: every step was answered."""
    PeerIntake = apps.get_model("intake", "PeerIntake")
    PeerIntake.objects.update(steps_saved=STEPS_AT_SPLIT)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0002_encrypt_private_columns"),
    ]

    operations = [
        migrations.AddField(
            model_name="peerintake",
            name="steps_saved",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(mark_earlier_intakes_complete, migrations.RunPython.noop),
    ]
