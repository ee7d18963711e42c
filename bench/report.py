"""One table of every figure with its target, and whether it was met."""

OPENING_TARGET_S = 10.0
LOAD_RATIO_TARGET = 1 / 3
FANOUT_P95_TARGET_MS = 250.0


def _row(figure: str, value, unit: str, target: str, passed: bool | None) -> dict:
    verdict = "-" if passed is None else ("pass" if passed else "MISS")
    return {"figure": figure, "value": value, "unit": unit, "target": target, "result": verdict}


def figures(result: dict) -> list[dict]:
    rows = []
    opening = result["opening"]
    rows.append(
        _row(
            f"open period for {opening['plans_created']} employees",
            opening["open_seconds"],
            "s",
            f"< {OPENING_TARGET_S:.0f} s",
            opening["open_seconds"] < OPENING_TARGET_S,
        )
    )
    rows.append(_row("  plain bulk_create, same rows", opening["baseline_bulk_create_seconds"], "s", "", None))
    for page in result["pages"]:
        target = page["target_ms"]
        rows.append(
            _row(
                f"{page['page']} p50 / p95",
                f"{page['p50_ms']:.1f} / {page['p95_ms']:.1f}",
                "ms",
                f"p95 < {target:.0f} ms",
                page["p95_ms"] < target,
            )
        )
        rows.append(
            _row(
                f"{page['page']} queries",
                page["queries"],
                "",
                f"<= {page['max_queries']}",
                page["queries"] <= page["max_queries"],
            )
        )
    load = result.get("load")
    if load:
        bare, mix = load["bare"], load["pages"]
        rows.append(_row(f"HTTP bare view, {load['users']} users", f"{bare['rps']:.0f} req/s", "", "", None))
        rows.append(_row("  bare view p95", bare["p95_ms"], "ms", "", None))
        signed_in = load.get("bare_signed_in")
        if signed_in:
            rows.append(_row("HTTP bare view, signed in", f"{signed_in['rps']:.0f} req/s", "", "", None))
            rows.append(_row("  bare view, signed in p95", signed_in["p95_ms"], "ms", "", None))
        rows.append(_row(f"HTTP pages mix, {load['users']} users", f"{mix['rps']:.0f} req/s", "", "", None))
        rows.append(_row("  pages mix p95", mix["p95_ms"], "ms", "", None))
        rows.append(
            _row(
                "  load client CPU, bare / pages",
                f"{bare['client_cpu_share']:.2f} / {mix['client_cpu_share']:.2f}",
                "core",
                "",
                None,
            )
        )
        rows.append(
            _row(
                "  pages / bare throughput",
                f"{load['ratio']:.2f}",
                "",
                f">= {LOAD_RATIO_TARGET:.2f}",
                load["ratio"] >= LOAD_RATIO_TARGET,
            )
        )
        if "ratio_signed_in" in load:
            rows.append(_row("  pages / bare signed-in throughput", f"{load['ratio_signed_in']:.2f}", "", "", None))
    ws = result.get("websockets")
    if ws:
        broadcast = ws["broadcast"]
        rows.append(
            _row(
                f"websocket fan-out to {ws['connected']} clients p50 / p95",
                f"{broadcast['p50_ms']:.1f} / {broadcast['p95_ms']:.1f}",
                "ms",
                f"p95 < {FANOUT_P95_TARGET_MS:.0f} ms",
                broadcast["p95_ms"] < FANOUT_P95_TARGET_MS and broadcast["delivered"] == broadcast["expected"],
            )
        )
        rows.append(
            _row(
                "  deliveries received / expected",
                f"{broadcast['delivered']} / {broadcast['expected']}",
                "",
                "",
                None,
            )
        )
        rows.append(
            _row(
                "  reply via the site -> clients p50 / p95",
                f"{ws['p50_ms']:.1f} / {ws['p95_ms']:.1f}",
                "ms",
                "",
                None,
            )
        )
        rows.append(_row("  the reply request itself p50", ws["reply_request_p50_ms"], "ms", "", None))
    return rows


def print_table(result: dict) -> None:
    rows = result["figures"]
    width = max(len(row["figure"]) for row in rows)
    print()
    print(
        f"Kinerja bench, {result['database']}, {result['plans']['plans']} plans of "
        f"{result['opening']['employees']} active employees, {result['forum']['posts']} forum posts "
        f"({result['cpu_count']} CPUs, load average {result['load_average_1min']})"
    )
    header = f"{'figure':<{width}}  {'value':>16} {'unit':<4}  {'target':<14} result"
    print(header)
    print("-" * len(header))
    for row in rows:
        value = str(row["value"])
        print(f"{row['figure']:<{width}}  {value:>16} {row['unit']:<4}  {row['target']:<14} {row['result']}")
