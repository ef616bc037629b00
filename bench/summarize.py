#!/usr/bin/env python3
"""Print the benchmark summary table and write it as JSON (called by bench/run.sh).

Usage: summarize.py WORK_DIR OUT.json
Reads from WORK_DIR (each file optional, a crawler whose run file is missing is skipped):
  site.json                                  from gen-shop.py (expected page count)
  crawlee-run.json, crawlee-compare.json     crawl.mjs output, compare_items.py --json
  crawlify-run.json, crawlify-compare.json   crawlify_run.py output, compare_items.py --json
"""
import json
import os
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
    rows = []
    for name, label in (("crawlee", "crawlee-cheerio"), ("crawlify", "crawlify-http")):
        run = read(os.path.join(work, f"{name}-run.json"))
        if run is None:
            continue
        cmp = read(os.path.join(work, f"{name}-compare.json")) or {}
        seconds = run.get("seconds") or 0
        pages = run.get("pages") or 0
        rows.append({
            "crawler": label,
            "pages": pages,
            "seconds": seconds,
            "pagesPerSecond": round(pages / seconds, 1) if seconds else None,
            "serverSeconds": run.get("serverSeconds"),
            "status": run.get("status", "succeeded"),
            "items": run.get("items"),
            **{k: cmp.get(k) for k in ("correct", "expected", "wrong", "missing",
                                       "duplicates", "unexpected", "invalid")},
        })

    print(f"\n{'crawler':<17} {'pages':>6} {'seconds':>8} {'pages/s':>8}  "
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
        pps = f"{r['pagesPerSecond']:.1f}" if r["pagesPerSecond"] is not None else "-"
        print(f"{r['crawler']:<17} {r['pages']:>6} {r['seconds']:>8.2f} {pps:>8}  "
              f"{str(r['correct']) + '/' + str(r['expected']):<23} {r['duplicates'] if r['duplicates'] is not None else '-':>4}"
              f"  {', '.join(notes)}")

    by_name = {r["crawler"]: r for r in rows}
    ratio = None
    a, b = by_name.get("crawlify-http"), by_name.get("crawlee-cheerio")
    if a and b and a["pagesPerSecond"] and b["pagesPerSecond"]:
        ratio = round(a["pagesPerSecond"] / b["pagesPerSecond"], 2)
        print(f"ratio crawlify/crawlee pages/s: {ratio:.2f}x")

    result = {"site": {k: site.get(k) for k in ("pages", "products", "categories", "perPage", "port")},
              "results": rows, "ratioCrawlifyToCrawleePagesPerSecond": ratio}
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print(f"(written to {out_path})")


if __name__ == "__main__":
    main()
