#!/usr/bin/env python3
"""Print the benchmark summary table and write it as JSON (called by bench/run.sh).

Usage: summarize.py WORK_DIR OUT.json
Reads from WORK_DIR (each file optional, a run whose run file is missing is skipped):
  site.json                                      from gen-shop.py (expected page count)
  crawlee-run.json, crawlee-compare.json         crawl.mjs output, compare_items.py --json
  crawlify-check.json                            crawlify_run.py --check: {"workerTasks": N}
  crawlify-N-run.json, crawlify-N-compare.json   Crawlify run N (1, 2, ...): crawlify_run.py
                                                 output, compare_items.py --json
Crawlify run #1 is the cold one (JIT warm-up; flagged when the worker had already run
tasks), the last run the warm one; a pages/s ratio against Crawlee is printed per run.
"""
import json
import os
import re
import sys


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def main():
    work, out_path = sys.argv[1], sys.argv[2]
    site = read(os.path.join(work, "site.json")) or {}
    worker_tasks = (read(os.path.join(work, "crawlify-check.json")) or {}).get("workerTasks")
    crawlify_runs = sorted(int(m[1]) for f in os.listdir(work)
                           if (m := re.fullmatch(r"crawlify-(\d+)-run\.json", f)))
    runs = [("crawlee", "crawlee-cheerio", None)]
    runs += [(f"crawlify-{n}", f"crawlify-http #{n}" + (" (cold)" if n == 1 else ""), n)
             for n in crawlify_runs]
    rows = []
    for name, label, run_no in runs:
        run = read(os.path.join(work, f"{name}-run.json"))
        if run is None:
            continue
        cmp = read(os.path.join(work, f"{name}-compare.json")) or {}
        seconds = run.get("seconds") or 0
        pages = run.get("pages") or 0
        rows.append({
            "crawler": label,
            "run": run_no,
            "pages": pages,
            "seconds": seconds,
            "pagesPerSecond": round(pages / seconds, 1) if seconds else None,
            "serverSeconds": run.get("serverSeconds"),
            "status": run.get("status", "succeeded"),
            "items": run.get("items"),
            **{k: cmp.get(k) for k in ("correct", "expected", "wrong", "missing",
                                       "duplicates", "unexpected", "invalid")},
        })

    w = max([len("crawler")] + [len(r["crawler"]) for r in rows])
    print(f"\n{'crawler':<{w}} {'pages':>6} {'seconds':>8} {'pages/s':>8}  "
          f"{'items correct/expected':<23} {'dups':>4}  notes")
    for r in rows:
        notes = []
        if r["status"] != "succeeded":
            notes.append(f"status={r['status']}")
        if r["serverSeconds"] is not None:
            notes.append(f"server {r['serverSeconds']:.2f}s")
        for k in ("wrong", "missing", "unexpected", "invalid"):
            if r.get(k):
                notes.append(f"{k}={r[k]}")
        if site.get("pages") and r["pages"] != site["pages"]:
            notes.append(f"expected {site['pages']} pages")
        if r["run"] == 1 and worker_tasks:
            notes.append(f"not cold: worker had run {worker_tasks} tasks")
        pps = f"{r['pagesPerSecond']:.1f}" if r["pagesPerSecond"] is not None else "-"
        print(f"{r['crawler']:<{w}} {r['pages']:>6} {r['seconds']:>8.2f} {pps:>8}  "
              f"{str(r['correct']) + '/' + str(r['expected']):<23} {r['duplicates'] if r['duplicates'] is not None else '-':>4}"
              f"  {', '.join(notes)}")

    # Crawlify pages/s over Crawlee pages/s, per Crawlify run; cold = run #1, warm = the last
    # run (none when there was only one run).
    base = next((r for r in rows if r["run"] is None), None)
    ratios = []
    if base and base["pagesPerSecond"]:
        ratios = [{"run": r["run"], "ratio": round(r["pagesPerSecond"] / base["pagesPerSecond"], 2)}
                  for r in rows if r["run"] is not None and r["pagesPerSecond"]]
    by_run = {x["run"]: x["ratio"] for x in ratios}
    last = max(crawlify_runs, default=None)
    ratio_cold = by_run.get(1)
    ratio_warm = by_run.get(last) if last != 1 else None
    tags = {1: " (cold JVM)", last: " (warm)"} if last != 1 else {1: " (cold JVM)"}
    if ratios:
        print("ratio crawlify/crawlee pages/s: "
              + ", ".join(f"run #{x['run']}{tags.get(x['run'], '')} {x['ratio']:.2f}x" for x in ratios))

    result = {"site": {k: site.get(k) for k in ("pages", "products", "categories", "perPage", "port")},
              "results": rows, "ratios": ratios, "ratioCold": ratio_cold, "ratioWarm": ratio_warm,
              "workerTasksBeforeRun1": worker_tasks}
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print(f"(written to {out_path})")


if __name__ == "__main__":
    main()
