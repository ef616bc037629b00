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

Browser mode (a second table), from WORK_DIR/browser/ when it holds any run file:
  site.json, settings.json                       the smaller shop; what both sides were given
  crawlee-run.json, crawlee-compare.json         crawl-browser.mjs (PlaywrightCrawler) output
  crawlify-N-run.json, crawlify-N-compare.json   Crawlify renderer "browser" run N
Its ratio is Crawlify browser pages/s over Crawlee PlaywrightCrawler pages/s, per run; the
last run's is the headline ("ratio"). In OUT.json it is under "browser" (absent if not run).
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


def collect(work, baseline_label, crawlify_label):
    """Rows for one mode's directory: the Crawlee baseline (run None) then Crawlify runs 1..N."""
    crawlify_runs = sorted(int(m[1]) for f in os.listdir(work)
                           if (m := re.fullmatch(r"crawlify-(\d+)-run\.json", f)))
    runs = [("crawlee", baseline_label, None)]
    runs += [(f"crawlify-{n}", crawlify_label(n), n) for n in crawlify_runs]
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
            **({"concurrency": run["concurrency"]} if "concurrency" in run else {}),
            **({"pagesByRenderer": run["stats"]["pagesByRenderer"]}
               if isinstance(run.get("stats"), dict) and "pagesByRenderer" in run["stats"] else {}),
            **{k: cmp.get(k) for k in ("correct", "expected", "wrong", "missing",
                                       "duplicates", "unexpected", "invalid")},
        })
    return rows, crawlify_runs


def print_table(title, rows, site, extra_notes=lambda r: []):
    print(f"\n{title}")
    w = max([len("crawler")] + [len(r["crawler"]) for r in rows])
    print(f"{'crawler':<{w}} {'pages':>6} {'seconds':>8} {'pages/s':>8}  "
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
        notes += extra_notes(r)
        pps = f"{r['pagesPerSecond']:.1f}" if r["pagesPerSecond"] is not None else "-"
        print(f"{r['crawler']:<{w}} {r['pages']:>6} {r['seconds']:>8.2f} {pps:>8}  "
              f"{str(r['correct']) + '/' + str(r['expected']):<23} {r['duplicates'] if r['duplicates'] is not None else '-':>4}"
              f"  {', '.join(notes)}")


def ratios_of(rows):
    """Crawlify pages/s over the Crawlee baseline's, per Crawlify run."""
    base = next((r for r in rows if r["run"] is None), None)
    if not base or not base["pagesPerSecond"]:
        return []
    return [{"run": r["run"], "ratio": round(r["pagesPerSecond"] / base["pagesPerSecond"], 2)}
            for r in rows if r["run"] is not None and r["pagesPerSecond"]]


def site_info(site):
    return {k: site.get(k) for k in ("pages", "products", "categories", "perPage", "port")}


def browser_mode(work):
    """The browser-mode table and its JSON, or None when it did not run."""
    bwork = os.path.join(work, "browser")
    if not os.path.isdir(bwork) or not any(re.fullmatch(r"crawl(ee|ify-\d+)-run\.json", f)
                                          for f in os.listdir(bwork)):
        return None
    site = read(os.path.join(bwork, "site.json")) or {}
    settings = read(os.path.join(bwork, "settings.json")) or {}
    rows, crawlify_runs = collect(bwork, "crawlee-playwright", lambda n: f"crawlify-browser #{n}")

    def notes(r):
        out = []
        if r.get("concurrency"):
            out.append(f"concurrency {r['concurrency'].get('min')}-{r['concurrency'].get('max')}")
        by = r.get("pagesByRenderer")
        if by and any(k != "browser" and v for k, v in by.items()):
            out.append("rendered " + ", ".join(f"{k} {v}" for k, v in sorted(by.items())))
        return out

    block = settings.get("blockResources") or []
    crawlee = (read(os.path.join(bwork, "crawlee-run.json")) or {}).get("settings") or {}
    context = ("crawlee: pages share one context per browser (crawlify: see template's session)"
               if crawlee.get("incognitoPages") is False else "a fresh context per page")
    print_table(f"browser mode: {site.get('products', '?')} products, headless Chromium "
                f"({settings.get('chromium', '/usr/bin/chromium')}), waitUntil load, {context}, "
                f"blocking {', '.join(block) if block else 'nothing'} on both sides; "
                f"crawlify worker browser contexts: {settings.get('crawlifyBrowserContexts', '?')}",
                rows, site, notes)
    ratios = ratios_of(rows)
    if ratios:
        print("ratio crawlify-browser/crawlee-playwright pages/s: "
              + ", ".join(f"run #{x['run']} {x['ratio']:.2f}x" for x in ratios))
    by_run = {x["run"]: x["ratio"] for x in ratios}
    return {"site": site_info(site), "settings": settings, "results": rows, "ratios": ratios,
            "ratio": by_run.get(max(crawlify_runs, default=None))}


def main():
    work, out_path = sys.argv[1], sys.argv[2]
    site = read(os.path.join(work, "site.json")) or {}
    worker_tasks = (read(os.path.join(work, "crawlify-check.json")) or {}).get("workerTasks")
    rows, crawlify_runs = collect(work, "crawlee-cheerio",
                                  lambda n: f"crawlify-http #{n}" + (" (cold)" if n == 1 else ""))
    if rows:
        print_table(f"http mode: {site.get('products', '?')} products", rows, site,
                    lambda r: [f"not cold: worker had run {worker_tasks} tasks"]
                    if r["run"] == 1 and worker_tasks else [])

    # Crawlify pages/s over Crawlee pages/s, per Crawlify run; cold = run #1, warm = the last
    # run (none when there was only one run).
    ratios = ratios_of(rows)
    by_run = {x["run"]: x["ratio"] for x in ratios}
    last = max(crawlify_runs, default=None)
    ratio_cold = by_run.get(1)
    ratio_warm = by_run.get(last) if last != 1 else None
    tags = {1: " (cold JVM)", last: " (warm)"} if last != 1 else {1: " (cold JVM)"}
    if ratios:
        print("ratio crawlify/crawlee pages/s: "
              + ", ".join(f"run #{x['run']}{tags.get(x['run'], '')} {x['ratio']:.2f}x" for x in ratios))

    browser = browser_mode(work)

    result = {"site": site_info(site),
              "results": rows, "ratios": ratios, "ratioCold": ratio_cold, "ratioWarm": ratio_warm,
              "workerTasksBeforeRun1": worker_tasks}
    if browser is not None:
        result["browser"] = browser
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print(f"(written to {out_path})")


if __name__ == "__main__":
    main()
