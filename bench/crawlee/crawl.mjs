// Crawlee baseline for the Crawlify crawl benchmark (bench/run.sh).
//
// Usage: node crawl.mjs [startUrl] [items.ndjson]
//   startUrl      default http://127.0.0.1:18080/index.html
//   items.ndjson  where the extracted items go, one {"url", "data"} per line
//                 (default ../.work/crawlee-items.ndjson)
// Env: CRAWLEE_MAX_CONCURRENCY (default 50), CRAWLEE_LOG_LEVEL (default WARNING),
//      CRAWLEE_MIN_CONCURRENCY (default: Crawlee's own, 1; its autoscaled pool then starts
//      at 10 and grows only while the CPU is idle, which on 2 cores keeps it near 10-11).
//
// Prints exactly one JSON line on stdout at the end:
//   {"pages": N, "items": N, "failed": N, "seconds": S, "pagesPerSecond": X}
// Crawlee's own logging goes to the log level above (stdout too, hence WARNING by
// default); bench/run.sh takes the last stdout line.
//
// The crawl mirrors the Crawlify workflow in bench/workflow-shop.json.tmpl: listing
// pages enqueue a.cat / a.next as LISTING and a.product as DETAIL; detail pages yield
// name, price, sku (trimmed text) and attributes (th -> td of table.attrs rows).
// Storage is purely in memory (persistStorage: false) so disk I/O is not measured.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheerioCrawler, Configuration, createCheerioRouter, log, LogLevel } from 'crawlee';

const here = dirname(fileURLToPath(import.meta.url));
const startUrl = process.argv[2] ?? 'http://127.0.0.1:18080/index.html';
const itemsPath = resolve(process.argv[3] ?? resolve(here, '..', '.work', 'crawlee-items.ndjson'));
const maxConcurrency = Number(process.env.CRAWLEE_MAX_CONCURRENCY ?? 50);
const minConcurrency = process.env.CRAWLEE_MIN_CONCURRENCY ? Number(process.env.CRAWLEE_MIN_CONCURRENCY) : undefined;
log.setLevel(LogLevel[process.env.CRAWLEE_LOG_LEVEL ?? 'WARNING'] ?? LogLevel.WARNING);

const config = new Configuration({ persistStorage: false, purgeOnStart: true });

const items = [];
let pages = 0;
const trimmed = ($el) => $el.first().text().trim();

const router = createCheerioRouter();

router.addHandler('LISTING', async ({ enqueueLinks }) => {
    pages++;
    await enqueueLinks({ selector: 'a.cat, a.next', label: 'LISTING' });
    await enqueueLinks({ selector: 'a.product', label: 'DETAIL' });
});

router.addHandler('DETAIL', async ({ request, $ }) => {
    pages++;
    const attributes = {};
    $('table.attrs tr').each((_, tr) => {
        const row = $(tr);
        const key = trimmed(row.find('th'));
        if (key) attributes[key] = trimmed(row.find('td'));
    });
    items.push({
        url: request.url,
        data: {
            name: trimmed($('h1.name')),
            price: trimmed($('span.price')),
            sku: trimmed($('span.sku')),
            attributes,
        },
    });
});

const crawler = new CheerioCrawler({
    requestHandler: router,
    maxConcurrency,
    ...(minConcurrency ? { minConcurrency } : {}),
}, config);

const started = process.hrtime.bigint();
const stats = await crawler.run([{ url: startUrl, label: 'LISTING' }]);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

// Written after the clock stopped: output I/O is not part of the crawl.
mkdirSync(dirname(itemsPath), { recursive: true });
writeFileSync(itemsPath, items.map((it) => JSON.stringify(it)).join('\n') + (items.length ? '\n' : ''));

console.log(JSON.stringify({
    pages,
    items: items.length,
    failed: stats.requestsFailed,
    seconds: Number(seconds.toFixed(3)),
    pagesPerSecond: Number((pages / seconds).toFixed(1)),
}));
