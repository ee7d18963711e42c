"""What every app shares and no app owns: upload checks, rate limiting. Depends on no other Kinerja app."""
