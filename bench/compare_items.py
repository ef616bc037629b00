#!/usr/bin/env python3
"""Compare crawled items against the generator's ground truth.

Usage: compare_items.py EXPECTED.ndjson ACTUAL.ndjson [--json] [--show N]

Both files hold one JSON object per line with at least "url" and "data" (other keys,
such as Crawlify's "phase", are ignored). Items are matched by url and their "data"
must be equal as JSON values (key order irrelevant, types and strings exact).

Counts reported:
  expected    distinct urls in EXPECTED
  correct     expected urls whose (first) actual item has exactly the expected data
  wrong       expected urls present in ACTUAL but with different data
  missing     expected urls absent from ACTUAL
  duplicates  extra occurrences of a url in ACTUAL (a url seen 3 times counts 2)
  unexpected  actual items whose url is not in EXPECTED
  invalid     ACTUAL lines that are not a JSON object with a url

Prints a one-line summary (or the counts as one JSON line with --json) on stdout and up
to --show examples of each problem on stderr. Exit status 0 only if everything is
correct with no duplicates, unexpected or invalid lines; 1 otherwise; 2 on usage errors.
"""
import argparse
import json
import sys
from collections import Counter


def load(path):
    """Yield (line_no, obj or None) for each non-blank line."""
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                yield no, None
                continue
            yield no, obj if isinstance(obj, dict) and isinstance(obj.get("url"), str) else None


def compare(expected_path, actual_path):
    expected = {}
    for no, obj in load(expected_path):
        if obj is None:
            raise SystemExit(f"{expected_path}:{no}: not a JSON object with a url")
        expected[obj["url"]] = obj.get("data")

    seen = Counter()
    first = {}
    invalid, unexpected_examples, invalid_examples = 0, [], []
    for no, obj in load(actual_path):
        if obj is None:
            invalid += 1
            invalid_examples.append(f"line {no}")
            continue
        url = obj["url"]
        seen[url] += 1
        if url not in first:
            first[url] = obj.get("data")

    correct, wrong, missing = 0, [], []
    for url, data in expected.items():
        if url not in first:
            missing.append(url)
        elif first[url] == data:
            correct += 1
        else:
            wrong.append((url, data, first[url]))
    unexpected = [u for u in seen if u not in expected]
    dup_urls = [u for u, n in seen.items() if n > 1]

    counts = {
        "expected": len(expected),
        "actualLines": sum(seen.values()) + invalid,
        "correct": correct,
        "wrong": len(wrong),
        "missing": len(missing),
        "duplicates": sum(seen[u] - 1 for u in dup_urls),
        "unexpected": sum(seen[u] for u in unexpected),
        "invalid": invalid,
    }
    examples = {
        "wrong": [f"{u}\n    expected {json.dumps(e, ensure_ascii=False, sort_keys=True)}"
                  f"\n    actual   {json.dumps(a, ensure_ascii=False, sort_keys=True)}"
                  for u, e, a in wrong],
        "missing": missing,
        "duplicates": [f"{u} x{seen[u]}" for u in dup_urls],
        "unexpected": unexpected,
        "invalid": invalid_examples,
    }
    return counts, examples


def main():
    ap = argparse.ArgumentParser(description="Compare crawled items with expected items.")
    ap.add_argument("expected")
    ap.add_argument("actual")
    ap.add_argument("--json", action="store_true", help="print the counts as one JSON line")
    ap.add_argument("--show", type=int, default=3, help="examples per problem kind (stderr)")
    ap.add_argument("--label", default="", help="prefix for the human-readable lines")
    args = ap.parse_args()

    counts, examples = compare(args.expected, args.actual)
    prefix = f"{args.label}: " if args.label else ""
    for kind, items in examples.items():
        if items and args.show > 0:
            print(f"{prefix}{kind} ({counts[kind]}), e.g.:", file=sys.stderr)
            for item in items[:args.show]:
                print(f"  {item}", file=sys.stderr)

    if args.json:
        print(json.dumps(counts))
    else:
        print(f"{prefix}correct {counts['correct']}/{counts['expected']}, wrong {counts['wrong']}, "
              f"missing {counts['missing']}, duplicates {counts['duplicates']}, "
              f"unexpected {counts['unexpected']}, invalid {counts['invalid']}")
    ok = (counts["correct"] == counts["expected"] and counts["duplicates"] == 0
          and counts["unexpected"] == 0 and counts["invalid"] == 0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
