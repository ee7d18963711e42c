#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into a fresh, empty PostgreSQL database and a media directory.
#
#   createdb kinerja_restored
#   DATABASE_URL=postgres://…/kinerja_restored DJANGO_MEDIA_ROOT=/var/lib/kinerja/media \
#     deploy/restore.sh /var/backups/kinerja/kinerja-20261123T020000Z
#
# Stop kinerja-web, kinerja-ws and kinerja-worker first. The database must be empty (the script refuses otherwise);
# the restore runs in one transaction, so a failure leaves it empty. Prints the row counts to compare with the
# source afterwards.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL to the fresh, empty PostgreSQL database to restore into}"
src=${1:?usage: deploy/restore.sh BACKUP_FOLDER}
media=${DJANGO_MEDIA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/media}
for file in database.dump media.tar.gz; do
  [ -f "$src/$file" ] || { echo "restore: $src/$file is missing" >&2; exit 1; }
done

tables=$(psql "$DATABASE_URL" --no-psqlrc --tuples-only --no-align \
  --command="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != 0 ]; then
  echo "restore: the database already has $tables tables; restore into a fresh one (createdb)" >&2
  exit 1
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$DATABASE_URL" \
  "$src/database.dump"
mkdir -p "$media"
tar -xzf "$src/media.tar.gz" -C "$media"

echo "restored from $src:"
psql "$DATABASE_URL" --no-psqlrc --quiet --tuples-only --no-align --field-separator=": " --command="
  SELECT 'plans', count(*) FROM workflow_plan
  UNION ALL SELECT 'plan events', count(*) FROM workflow_planevent
  UNION ALL SELECT 'workflow tasks', count(*) FROM viewflow_task
  UNION ALL SELECT 'audit events', count(*) FROM audit_auditevent
  UNION ALL SELECT 'forum posts', count(*) FROM forums_post
  UNION ALL SELECT 'meetings', count(*) FROM forums_meeting"
echo "media files: $(find "$media" -type f | wc -l)"
