import django.db.models.deletion
from django.db import migrations, models

# The plan's period and employee on its process (see PlanProcess): added empty, copied from the plans, then
# required. Correlated subqueries, which SQLite and PostgreSQL both run.
BACKFILL = """
UPDATE workflow_planprocess SET
    period_id = (SELECT plan.period_id FROM workflow_plan plan WHERE plan.id = workflow_planprocess.plan_id),
    employee_id = (SELECT plan.employee_id FROM workflow_plan plan WHERE plan.id = workflow_planprocess.plan_id)
"""


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0007_period_review_frequency'),
        ('workflow', '0011_plan_running_progress_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='planprocess',
            name='period',
            field=models.ForeignKey(db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.period'),
        ),
        migrations.AddField(
            model_name='planprocess',
            name='employee',
            field=models.ForeignKey(db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.employee'),
        ),
        migrations.RunSQL(BACKFILL, reverse_sql=migrations.RunSQL.noop),
        migrations.AlterField(
            model_name='planprocess',
            name='period',
            field=models.ForeignKey(db_index=False, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.period'),
        ),
        migrations.AlterField(
            model_name='planprocess',
            name='employee',
            field=models.ForeignKey(db_index=False, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.employee'),
        ),
        migrations.AddIndex(
            model_name='planprocess',
            index=models.Index(fields=['period', 'process_ptr', 'employee'], name='planprocess_period_idx'),
        ),
    ]
