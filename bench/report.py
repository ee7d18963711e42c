"""One table of every figure with its target, and whether it was met."""

from bench import fanout

OPENING_TARGET_S = 10.0
PROVINCE_OPENING_TARGET_S = 20.0  # a province: 100,000 employees over some 400 agencies


def opening_target(employees: int) -> float:
    return OPENING_TARGET_S if employees <= 10_000 else PROVINCE_OPENING_TARGET_S


SIGNED_IN_RATIO_TARGET = 0.5  # signed-in bare view / anonymous bare view
PAGES_RATIO_TARGET = 0.5  # pages mix / signed-in bare view
FANOUT_P95_TARGET_MS = 250.0


def _row(figure: str, value, unit: str, target: str, passed: bool | None) -> dict:
    verdict = "-" if passed is None else ("pass" if passed else "MISS")
    return {"figure": figure, "value": value, "unit": unit, "target": target, "result": verdict}


def figures(result: dict) -> list[dict]:
    rows = []
    opening = result["opening"]
    target = opening_target(opening["plans_created"])
    rows.append(
        _row(
            f"open period for {opening['plans_created']} employees",
            opening["open_seconds"],
            "s",
            f"< {target:.0f} s",
            opening["open_seconds"] < target,
        )
    )
    rows.append(_row("  plain bulk_create, same rows", opening["baseline_bulk_create_seconds"], "s", "", None))
    rows += page_rows(result["pages"], result["database"])
    companion = result.get("companion")
    if companion:
        rows += page_rows(companion["pages"], companion["vendor"])
    load = result.get("load")
    if load:
        rows += load_rows(load)
    ws = result.get("websockets")
    if ws:
        rows += fanout_rows(ws)
    return rows


def page_rows(pages: list[dict], vendor: str) -> list[dict]:
    rows = []
    for page in pages:
        target = page["target_ms"]
        rows.append(
            _row(
                f"{page['page']} p50 / p95 ({vendor})",
                f"{page['p50_ms']:.1f} / {page['p95_ms']:.1f}",
                "ms",
                f"p95 < {target:.0f} ms",
                page["p95_ms"] < target,
            )
        )
        reference = page.get("reference_queries")
        same = page.get("same_queries_as_reference", True)
        rows.append(
            _row(
                f"{page['page']} queries ({vendor})",
                page["queries"],
                "",
                f"<= {page['max_queries']}" + ("" if reference is None else f", = {reference}"),
                page["queries"] <= page["max_queries"] and same,
            )
        )
    return rows


def load_rows(load: dict) -> list[dict]:
    """The HTTP phases: a phase with errors is a MISS and its throughput is no figure."""
    rows = []
    names = (("bare", "anonymous bare view"), ("bare_signed_in", "signed-in bare view"), ("pages", "pages mix"))
    for phase, label in names:
        figures = load[phase]
        rows.append(
            _row(
                f"HTTP {label}, {load['users']} connections",
                f"{figures['rps']:.0f} req/s" if figures["passed"] else f"{figures['errors']} errors",
                "",
                "0 errors",
                figures["passed"],
            )
        )
        rows.append(_row(f"  {label} p50 / p95", f"{figures['p50_ms']} / {figures['p95_ms']}", "ms", "", None))
    rows.append(_row("  people signed in / agencies", f"{load['identities']} / {load['agencies']}", "", ">= 200", None))
    rows.append(
        _row(
            "  load client CPU, bare / pages",
            f"{load['bare']['client_cpu_share']:.2f} / {load['pages']['client_cpu_share']:.2f}",
            "core",
            "",
            None,
        )
    )
    if load["passed"]:
        rows.append(
            _row(
                "  signed-in / anonymous bare view",
                f"{load['signed_in_to_bare']:.2f}",
                "",
                f">= {SIGNED_IN_RATIO_TARGET:.2f}",
                load["signed_in_to_bare"] >= SIGNED_IN_RATIO_TARGET,
            )
        )
        rows.append(
            _row(
                "  pages mix / signed-in bare view",
                f"{load['pages_to_signed_in']:.2f}",
                "",
                f">= {PAGES_RATIO_TARGET:.2f}",
                load["pages_to_signed_in"] >= PAGES_RATIO_TARGET,
            )
        )
        rows.append(_row("  pages mix / anonymous bare view", f"{load['pages_to_bare']:.2f}", "", "", None))
    rows.append(_row("  load average during the phases", load.get("load_average_1min"), "", "", None))
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
    print("dataset: " + ", ".join(f"{name} {value}" for name, value in result.get("dataset", {}).items()))
    header = f"{'figure':<{width}}  {'value':>16} {'unit':<4}  {'target':<14} result"
    print(header)
    print("-" * len(header))
    for row in rows:
        value = str(row["value"])
        print(f"{row['figure']:<{width}}  {value:>16} {row['unit']:<4}  {row['target']:<14} {row['result']}")


def fanout_rows(ws: dict) -> list[dict]:
    """The websocket fan-out (bench/fanout.py): its p95 is a MISS whenever a client failed, whatever its value."""
    rows = []
    broadcast = ws["broadcast"]
    rows.append(
        _row(
            f"websocket fan-out to {ws['connected']} / {ws['clients']} clients p50 / p95",
            f"{broadcast['p50_ms']:.1f} / {broadcast['p95_ms']:.1f}",
            "ms",
            f"p95 < {FANOUT_P95_TARGET_MS:.0f} ms",
            broadcast["p95_ms"] < FANOUT_P95_TARGET_MS and ws["passed"],
        )
    )
    processes = ws["client_processes"]
    rows.append(
        _row(
            f"  client processes' CPU ({len(processes)} processes)",
            " / ".join(f"{process['cpu_percent']:.0f}" for process in processes),
            "%",
            f"each < {fanout.CLIENT_SATURATED_PERCENT:.0f} %",
            not ws["client_saturated"],
        )
    )
    rows.append(
        _row(
            "  deliveries received / expected",
            f"{broadcast['delivered'] + ws['delivered']} / {broadcast['expected'] + ws['expected']}",
            "",
            "all",
            broadcast["delivered"] == broadcast["expected"] and ws["delivered"] == ws["expected"],
        )
    )
    rows += [_row(f"  error: {error}", "", "", "none", False) for error in ws["errors"]]
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
    if "delivered_with_post" in ws:  # runs before the post came with its event had no such count
        rows.append(_row("  reply deliveries with the post (no fetch)", f"{ws['delivered_with_post']}", "", "", None))
    return rows
