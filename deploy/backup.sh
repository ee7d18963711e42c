#!/usr/bin/env bash
# Back up Kinerja: the PostgreSQL database (pg_dump, custom format) and the media directory (uploaded evidence and
# forum attachments), into one new folder BACKUP_ROOT/kinerja-<UTC time>/ holding database.dump and media.tar.gz.
#
#   DATABASE_URL=postgres://kinerja:…@127.0.0.1:5432/kinerja DJANGO_MEDIA_ROOT=/var/lib/kinerja/media \
#     deploy/backup.sh /var/backups/kinerja
#
# On a server: sudo -u kinerja sh -c 'set -a; . /etc/kinerja/kinerja.env; deploy/backup.sh /var/backups/kinerja'.
# The database is dumped first and the media afterwards, so every file the dump refers to is in the archive.
# Restore with deploy/restore.sh. Prints the folder it wrote.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database, postgres://user:password@host:port/name}"
root=${1:?usage: deploy/backup.sh BACKUP_ROOT}
media=${DJANGO_MEDIA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/media}

dest=$root/kinerja-$(date -u +%Y%m%dT%H%M%SZ)
umask 077      # the dump holds personal data and password hashes: readable by the backup's owner only
mkdir -p "$root"
mkdir "$dest"  # never overwrite an earlier backup

pg_dump --format=custom --no-owner --no-privileges --file="$dest/database.dump" "$DATABASE_URL"
pg_restore --list "$dest/database.dump" >/dev/null  # the dump is complete and readable

if [ -d "$media" ]; then
  tar -czf "$dest/media.tar.gz" -C "$media" .
else
  echo "backup: no media directory at $media; the archive is empty" >&2
  tar -czf "$dest/media.tar.gz" --files-from=/dev/null
fi

echo "$dest"
