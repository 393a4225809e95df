# Support, comments and their flags move to lapor.community (its 0001_initial makes
# the new tables). Nothing is deployed yet, so the old tables are dropped, not copied.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0001_support_comments'),
    ]

    operations = [
        migrations.DeleteModel(name='CommentFlag'),
        migrations.DeleteModel(name='Support'),
        migrations.DeleteModel(name='Comment'),
    ]
