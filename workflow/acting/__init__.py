"""Acting officials (Plt, pelaksana tugas; Plh, pelaksana harian): for an appointment's dates the acting official
receives the supervisor tasks of the position's holder — handed over on the start date, returned on the end date,
both recorded in each plan's history — and rates on behalf of the position."""
