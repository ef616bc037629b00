// Crawlee PlaywrightCrawler baseline for the browser-mode part of the Crawlify crawl
// benchmark (bench/run.sh, BENCH_BROWSER=1).
//
// Usage: node crawl-browser.mjs [startUrl] [items.ndjson]
//   startUrl      default http://127.0.0.1:18081/index.html (the smaller browser-mode shop)
//   items.ndjson  where the extracted items go, one {"url", "data"} per line
//                 (default ../.work/crawlee-browser-items.ndjson)
// Env:
//   CRAWLEE_BROWSER_MAX_CONCURRENCY  default 4: pages open at once (Crawlee's autoscaled pool
//                 runs between CRAWLEE_BROWSER_MIN_CONCURRENCY and this, scaling down when
//                 the CPU is overloaded; measured on a 2-core box, 4 was Crawlee's best)
//   CRAWLEE_BROWSER_MIN_CONCURRENCY  default = the max (the pool starts there instead of
//                 ramping up from 1; it still scales down under CPU overload)
//   CHROMIUM_PATH                    default /usr/bin/chromium (Debian's; no browser download)
//   CRAWLEE_BROWSER_BLOCK            comma-separated Playwright resource types to abort
//                 (e.g. "image,font,media,stylesheet"); default none. The Crawlify side must
//                 get the same list (crawl config browser.blockResources) for a fair run.
//   CRAWLEE_BROWSER_INCOGNITO        default 1: a new browser context per page, like
//                 Crawlify's default browser.session "isolated"; 0 = one shared context
//   CRAWLEE_BROWSER_PAGES_PER_BROWSER  default 500: retire a browser after N pages, like
//                 Crawlify's CRAWLIFY_WORKER_BROWSER_PAGES_PER_BROWSER default
//   CRAWLEE_BROWSER_MAX_REQUESTS     default unlimited: stop after N pages (quick tries only;
//                 the bench crawls the whole shop)
//   CRAWLEE_LOG_LEVEL                default WARNING
//
// Prints exactly one JSON line on stdout at the end:
//   {"pages", "items", "failed", "seconds", "pagesPerSecond", "concurrency": {...},
//    "settings": {...}}
//
// Same crawl as crawl.mjs (and bench/workflow-shop-browser.json.tmpl): listing pages enqueue
// a.cat / a.next as LISTING and a.product as DETAIL; detail pages yield name, price, sku
// (trimmed textContent) and attributes (th -> td of table.attrs rows), read here from the
// rendered DOM in one page.evaluate. Every page is loaded in headless Chromium with
// waitUntil "load" (Playwright's default, and Crawlify's navigate default). Fingerprint
// injection (Crawlee's browser-pool default) is off: Crawlify injects none, and it only
// slows Crawlee down. Storage is in memory only (persistStorage: false).
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Configuration, PlaywrightCrawler, createPlaywrightRouter, log, LogLevel } from 'crawlee';
import { chromium } from 'playwright';

const here = dirname(fileURLToPath(import.meta.url));
const startUrl = process.argv[2] ?? 'http://127.0.0.1:18081/index.html';
const itemsPath = resolve(process.argv[3] ?? resolve(here, '..', '.work', 'crawlee-browser-items.ndjson'));
const maxConcurrency = Number(process.env.CRAWLEE_BROWSER_MAX_CONCURRENCY ?? 4);
const minConcurrency = Number(process.env.CRAWLEE_BROWSER_MIN_CONCURRENCY ?? maxConcurrency);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const blockTypes = (process.env.CRAWLEE_BROWSER_BLOCK ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const incognito = (process.env.CRAWLEE_BROWSER_INCOGNITO ?? '1') !== '0';
const pagesPerBrowser = Number(process.env.CRAWLEE_BROWSER_PAGES_PER_BROWSER ?? 500);
const viewport = { width: 1280, height: 800 };
const maxRequests = process.env.CRAWLEE_BROWSER_MAX_REQUESTS ? Number(process.env.CRAWLEE_BROWSER_MAX_REQUESTS) : undefined;
const chromiumArgs = ['--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--disable-quic', '--no-sandbox', '--disable-gpu'];
log.setLevel(LogLevel[process.env.CRAWLEE_LOG_LEVEL ?? 'WARNING'] ?? LogLevel.WARNING);

const config = new Configuration({ persistStorage: false, purgeOnStart: true });

const items = [];
let pages = 0;

const router = createPlaywrightRouter();

router.addHandler('LISTING', async ({ enqueueLinks }) => {
    pages++;
    await enqueueLinks({ selector: 'a.cat, a.next', label: 'LISTING' });
    await enqueueLinks({ selector: 'a.product', label: 'DETAIL' });
});

router.addHandler('DETAIL', async ({ request, page }) => {
    pages++;
    const data = await page.evaluate(() => {
        const text = (root, sel) => (root.querySelector(sel)?.textContent ?? '').trim();
        const attributes = {};
        for (const tr of document.querySelectorAll('table.attrs tr')) {
            const key = text(tr, 'th');
            if (key) attributes[key] = text(tr, 'td');
        }
        return {
            name: text(document, 'h1.name'),
            price: text(document, 'span.price'),
            sku: text(document, 'span.sku'),
            attributes,
        };
    });
    items.push({ url: request.url, data });
});

const crawler = new PlaywrightCrawler({
    requestHandler: router,
    maxConcurrency,
    minConcurrency: Math.min(minConcurrency, maxConcurrency),
    ...(maxRequests ? { maxRequestsPerCrawl: maxRequests } : {}),
    headless: true,
    launchContext: {
        launcher: chromium,
        useIncognitoPages: incognito,
        // viewport: Crawlify's default (Playwright's own is 1280x720). With incognito pages
        // Crawlee passes the launch options to every new context as well.
        launchOptions: { executablePath, headless: true, args: chromiumArgs, viewport },
    },
    browserPoolOptions: {
        useFingerprints: false,
        retireBrowserAfterPageCount: pagesPerBrowser,
    },
    preNavigationHooks: [
        async ({ page }, gotoOptions) => {
            gotoOptions.waitUntil = 'load';
            if (blockTypes.length) {
                await page.route('**/*', (route) => (blockTypes.includes(route.request().resourceType())
                    ? route.abort() : route.continue()));
            }
        },
    ],
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
    concurrency: { min: Math.min(minConcurrency, maxConcurrency), max: maxConcurrency },
    settings: {
        chromium: executablePath,
        blockResources: blockTypes,
        incognitoPages: incognito,
        pagesPerBrowser,
        waitUntil: 'load',
        viewport,
    },
}));
