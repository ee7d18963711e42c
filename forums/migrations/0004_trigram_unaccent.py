# board: the extensions behind search tolerant of spelling variants and accents (forums.selectors.topics
# .similar_topic_ids). Both are "trusted" extensions (PostgreSQL 13+): the database owner may create them. Other
# databases skip these operations.

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("forums", "0003_alter_notification_kind")]

    operations = [TrigramExtension(), UnaccentExtension()]
