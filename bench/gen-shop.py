#!/usr/bin/env python3
"""Generate the static "shop" site the crawl benchmark runs against.

Layout (defaults: 5000 products, 10 categories, 20 products per listing page):

    index.html                    10 x <a class="cat" href="/cat/N/page/1.html">
    cat/N/page/P.html             20 x <a class="product" href="/product/ID.html">
                                  <a class="next" href="/cat/N/page/P+1.html"> unless last
                                  <a class="cat"> back to the index and to page 1 of every
                                  category (cycles the crawler has to deduplicate)
    product/ID.html               h1.name, span.price, span.sku, table.attrs (th -> td)

That is 1 + 10 * 25 + 5000 = 5251 pages for the defaults.

Beside the site directory it writes expected.ndjson: one line per product,
{"url": ..., "data": {"name", "price", "sku", "attributes": {key: value}}}, i.e.
exactly what a crawler extracting the *trimmed* text of those elements must produce,
and site.json with the page and product counts.
The text in the HTML is padded with whitespace (so trimming matters), contains a few
HTML entities (&amp;, so entity decoding matters) and some non-ASCII UTF-8 (so charset
handling matters). Inner whitespace is always a single ASCII space, so trimming
(JS String.trim, Java strip/trim, jsoup's normalising text()) all give the same result.

Everything is derived deterministically from the product id (sha256), so the output
is byte-identical across runs and Python versions. Stdlib only.
"""
import argparse
import hashlib
import html
import json
import os
import shutil
import sys

COLORS = ["Red", "Blue", "Green", "Black & White", "Silver", "Crème", "Navy", "Olive"]
MATERIALS = ["Steel", "Oak", "Cotton", "Aluminium", "Glass", "Bamboo", "Leather", "Résin"]
ORIGINS = ["Germany", "Japan", "Portugal", "Viet Nam", "Mexico", "Canada", "Côte d'Ivoire"]
SIZES = ["XS", "S", "M", "L", "XL", "One size"]
ADJECTIVES = ["Deluxe", "Compact", "Rugged", "Classic", "Smart", "Eco", "Ultra", "Mini",
              "Pro", "Vintage", "Modular", "Silent"]
NOUNS = ["Widget", "Kettle", "Lamp", "Backpack", "Chair", "Speaker", "Blender", "Jacket",
         "Notebook", "Drill", "Mug", "Router", "Tent", "Watch"]
BRANDS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark & Sons", "Wayne"]
FILLER = ("Built to last and designed for everyday use, this item combines sensible "
          "materials with a careful finish. It ships in recyclable packaging and is "
          "covered by our standard return policy. ")


def h(product_id, field):
    """Deterministic 64-bit integer for (product, field)."""
    digest = hashlib.sha256(f"{product_id}:{field}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def pick(seq, product_id, field):
    return seq[h(product_id, field) % len(seq)]


def pad(product_id, field):
    """Leading/trailing whitespace that a crawler must trim (varies per field)."""
    variants = ["", " ", "\n      ", "\t", "  \n  "]
    return pick(variants, product_id, field + ":l"), pick(variants, product_id, field + ":r")


def product_data(pid):
    """The ground truth for one product (what the crawler should extract)."""
    name = f"{pick(BRANDS, pid, 'brand')} {pick(ADJECTIVES, pid, 'adj')} {pick(NOUNS, pid, 'noun')} {pid}"
    cents = 199 + h(pid, "price") % 49800  # $1.99 .. $499.98
    price = f"${cents // 100}.{cents % 100:02d}"
    sku = f"SKU-{pid:06d}-{chr(65 + h(pid, 'sku1') % 26)}{chr(65 + h(pid, 'sku2') % 26)}"
    attrs = {
        "Color": pick(COLORS, pid, "color"),
        "Material": pick(MATERIALS, pid, "material"),
        "Weight": f"{1 + h(pid, 'weight') % 5000 / 100:.2f} kg",
    }
    # A 4th row on roughly half of the products; which key varies.
    extra = h(pid, "extra") % 4
    if extra == 1:
        attrs["Size"] = pick(SIZES, pid, "size")
    elif extra == 2:
        attrs["Origin"] = pick(ORIGINS, pid, "origin")
    elif extra == 3:
        attrs["Warranty"] = f"{1 + h(pid, 'warranty') % 5} years"
    return {"name": name, "price": price, "sku": sku, "attributes": attrs}


def page(title, body):
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}</title>\n</head>\n<body>\n{body}</body>\n</html>\n")


def text(value, pid, field):
    """Escaped text with per-field whitespace padding."""
    left, right = pad(pid, field)
    return f"{left}{html.escape(value, quote=False)}{right}"


def render_product(pid, data, category):
    rows = []
    for key, value in data["attributes"].items():
        rows.append(f"  <tr><th>{text(key, pid, 'k' + key)}</th>"
                    f"<td>{text(value, pid, 'v' + key)}</td></tr>\n")
    body = (
        f"<nav><a href=\"/index.html\">Home</a> &gt; "
        f"<a class=\"crumb\" href=\"/cat/{category}/page/1.html\">Category {category}</a></nav>\n"
        f"<div class=\"product\">\n"
        f"<h1 class=\"name\">{text(data['name'], pid, 'name')}</h1>\n"
        f"<p>Price: <span class=\"price\">{text(data['price'], pid, 'price')}</span>\n"
        f"   SKU: <span class=\"sku\">{text(data['sku'], pid, 'sku')}</span></p>\n"
        f"<table class=\"attrs\">\n{''.join(rows)}</table>\n"
        f"<p class=\"description\">{html.escape(FILLER * (1 + h(pid, 'desc') % 4))}</p>\n"
        f"</div>\n")
    return page(data["name"], body)


def render_listing(category, page_no, pages, product_ids, names, categories):
    cat_links = "".join(
        f"  <li><a class=\"cat\" href=\"/cat/{c}/page/1.html\">Category {c}</a></li>\n"
        for c in range(1, categories + 1))
    items = "".join(
        f"  <li><a class=\"product\" href=\"/product/{pid}.html\">{html.escape(names[pid])}</a></li>\n"
        for pid in product_ids)
    nav = f"<a class=\"cat\" href=\"/index.html\">Home</a>\n"
    if page_no > 1:
        nav += f"<a class=\"prev\" href=\"/cat/{category}/page/{page_no - 1}.html\">Previous</a>\n"
    if page_no < pages:
        nav += f"<a class=\"next\" href=\"/cat/{category}/page/{page_no + 1}.html\">Next</a>\n"
    body = (f"<h1>Category {category} - page {page_no} of {pages}</h1>\n"
            f"<ul class=\"categories\">\n{cat_links}</ul>\n"
            f"<ul class=\"products\">\n{items}</ul>\n{nav}")
    return page(f"Category {category} page {page_no}", body)


def split_categories(products, categories):
    """Contiguous product id ranges per category; sizes differ by at most one."""
    base, extra = divmod(products, categories)
    ranges, start = [], 1
    for c in range(categories):
        size = base + (1 if c < extra else 0)
        ranges.append(list(range(start, start + size)))
        start += size
    return ranges


def write(path, content):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(content)


def main():
    default_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".work", "site")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("site_dir", nargs="?", default=default_dir,
                    help="output directory (default: bench/.work/site); it is recreated")
    ap.add_argument("--products", type=int, default=5000)
    ap.add_argument("--categories", type=int, default=10)
    ap.add_argument("--per-page", type=int, default=20)
    ap.add_argument("--port", type=int, default=18080,
                    help="port used in the URLs of expected.ndjson (default 18080)")
    ap.add_argument("--expected", help="expected items file (default: <site_dir>/../expected.ndjson)")
    args = ap.parse_args()
    if args.products < 1 or args.categories < 1 or args.per_page < 1:
        ap.error("--products, --categories and --per-page must be >= 1")
    if args.categories > args.products:
        ap.error("--categories must not exceed --products")

    site = os.path.abspath(args.site_dir)
    expected_path = args.expected or os.path.join(os.path.dirname(site), "expected.ndjson")
    if os.path.isdir(site):
        shutil.rmtree(site)  # never leave stale pages from a larger run behind
    os.makedirs(site)

    data = {pid: product_data(pid) for pid in range(1, args.products + 1)}
    names = {pid: d["name"] for pid, d in data.items()}
    ranges = split_categories(args.products, args.categories)
    n_pages = 1

    index_links = "".join(
        f"  <li><a class=\"cat\" href=\"/cat/{c}/page/1.html\">Category {c}</a></li>\n"
        for c in range(1, args.categories + 1))
    write(os.path.join(site, "index.html"),
          page("Bench shop", f"<h1>Bench shop</h1>\n<ul class=\"categories\">\n{index_links}</ul>\n"))

    for c, ids in enumerate(ranges, start=1):
        pages = (len(ids) + args.per_page - 1) // args.per_page
        for p in range(1, pages + 1):
            chunk = ids[(p - 1) * args.per_page:p * args.per_page]
            write(os.path.join(site, "cat", str(c), "page", f"{p}.html"),
                  render_listing(c, p, pages, chunk, names, args.categories))
            n_pages += 1
        for pid in ids:
            write(os.path.join(site, "product", f"{pid}.html"), render_product(pid, data[pid], c))
            n_pages += 1

    base = f"http://127.0.0.1:{args.port}"
    with open(expected_path, "w", encoding="utf-8", newline="\n") as f:
        for pid in range(1, args.products + 1):
            f.write(json.dumps({"url": f"{base}/product/{pid}.html", "data": data[pid]},
                               ensure_ascii=False, sort_keys=True) + "\n")

    # Page/product counts for bench/run.sh's summary.
    with open(os.path.join(os.path.dirname(expected_path), "site.json"), "w", encoding="utf-8") as f:
        json.dump({"pages": n_pages, "products": args.products, "categories": args.categories,
                   "perPage": args.per_page, "port": args.port, "site": site,
                   "expected": os.path.abspath(expected_path)}, f, indent=1)
        f.write("\n")

    print(f"gen-shop: {n_pages} pages, {args.products} products in {site}; "
          f"expected items in {expected_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
