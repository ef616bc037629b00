package io.crawlify.systemtest.support;

import io.crawlify.testsupport.TestSite;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crawlify.testsupport.TestSite.Page;
import io.crawlify.testsupport.TestSite.Request;

/**
 * A shop whose pages are rendered by JavaScript in the browser, served inside the test. The HTML of the
 * {@code /spa/...} pages holds no product markup: scripts fetch JSON from {@code /api/...} (answered after
 * {@value #API_LATENCY_MS} ms) and build it. Knows the exact item each page must yield.
 *
 * <ul>
 * <li>{@code /spa/products}: all {@value #PRODUCTS} products as {@code li.product} (a link and a price);</li>
 * <li>{@code /spa/product/N}: {@code h1.name}, {@code span.price}, {@code span.sku}, {@code p.description};</li>
 * <li>{@code /spa/paged}: 10 per page, {@code button.next} replaces the list in place (disabled on the last page;
 * while a page loads the list is empty and the button disabled);</li>
 * <li>{@code /spa/more}: 10 first, {@code button.load-more} appends 10 per click and is removed once all are shown;
 * {@code #list} has class {@code loading} while a click is being served;</li>
 * <li>{@code /spa/infinite}: 10 first, 10 more each time the bottom comes into view;</li>
 * <li>{@code /login} (form POSTing to itself; alice / s3cret), {@code /account/orders} (rows rendered from
 * {@code /api/orders.json}) and {@code /account/orders/N}, all behind a session cookie;</li>
 * <li>{@code /hang} (an endless inline script), {@code /crash} (exhausts a 64 MB renderer heap);</li>
 * <li>{@code /static/products} and {@code /static/product/N}: the same markup rendered by the server;</li>
 * <li>{@code /auto}: {@code a.product} links to static and scripted product pages;
 * {@code /mixed}: {@code a.page} links to two scripted products, {@code /hang} and {@code /crash}.</li>
 * </ul>
 */
public final class JsSite implements AutoCloseable {

    public static final int PRODUCTS = 45;
    public static final String USER = "alice";
    public static final String PASSWORD = "s3cret";
    public static final long API_LATENCY_MS = 50;

    /** An order of alice's account. */
    public record Order(int id, String total, String status) {
    }

    public static final List<Order> ORDERS = List.of(
            new Order(1001, "$25.00", "delivered"),
            new Order(1002, "$112.40", "shipped"),
            new Order(1003, "$7.95", "processing"));

    private static final Pattern SPA_PRODUCT = Pattern.compile("/spa/product/(\\d+)");
    private static final Pattern STATIC_PRODUCT = Pattern.compile("/static/product/(\\d+)");
    private static final Pattern API_PRODUCT = Pattern.compile("/api/product/(\\d+)\\.json");
    private static final Pattern ORDER = Pattern.compile("/account/orders/(\\d+)");
    private static final String SESSION = "session";

    /** Helpers every scripted page inlines: a JSON GET and the markup of one product in a list. */
    private static final String COMMON_JS = """
            function getJson(url) {
              return fetch(url, {credentials: 'same-origin'}).then(r => {
                if (!r.ok) { throw new Error(url + ' answered ' + r.status); }
                return r.json();
              });
            }
            function productItem(p) {
              const li = document.createElement('li');
              li.className = 'product';
              const a = document.createElement('a');
              a.href = p.url;
              a.textContent = p.name;
              const price = document.createElement('span');
              price.className = 'price';
              price.textContent = p.price;
              li.append(a, ' ', price);
              return li;
            }
            """;

    private final TestSite site;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();

    public JsSite() {
        site = TestSite.handling(this::handle);
    }

    public String url(String path) {
        return site.url(path);
    }

    /** Requests for {@code path} (with its query string, if any), whatever the method. */
    public long hits(String path) {
        return site.hits(path);
    }

    @Override
    public void close() {
        site.close();
    }

    // ---- the data ------------------------------------------------------------------------------------------

    public static String name(int id) {
        return "Product " + id;
    }

    public static String price(int id) {
        int cents = 999 + id * 151;
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }

    public static String sku(int id) {
        return String.format(Locale.ROOT, "SKU-%05d", id);
    }

    public static String description(int id) {
        return "Product " + id + " is " + (id % 2 == 0 ? "light & strong" : "hand-made, \"classic\"") + ".";
    }

    /** The item a list page ({@code li.product}: name, url, price) yields for product {@code id}. */
    public ObjectNode listItem(String productPathPrefix, int id) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("name", name(id));
        item.put("url", url(productPathPrefix + id));
        item.put("price", price(id));
        return item;
    }

    /** The item a product page (name, price, sku, description) yields. */
    public static ObjectNode detailItem(int id) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("name", name(id));
        item.put("price", price(id));
        item.put("sku", sku(id));
        item.put("description", description(id));
        return item;
    }

    // ---- the pages -----------------------------------------------------------------------------------------

    private Page handle(Request request) {
        String path = request.pathOnly();
        if (path.startsWith("/api/")) {
            try {
                Thread.sleep(API_LATENCY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return api(request, path);
        }
        Matcher m;
        switch (path) {
            case "/spa/products":
                return Page.html(scripted("Products", "<h1>Products</h1><ul id=\"list\"></ul>", """
                        getJson('/api/products.json').then(d => {
                          document.getElementById('list').replaceChildren(...d.items.map(productItem));
                        });
                        """));
            case "/spa/paged":
                return Page.html(scripted("Paged products", """
                        <h1>Products</h1><ul id="list"></ul>
                        <p><span id="page"></span> <button class="next" disabled>Next</button></p>""", """
                        const list = document.getElementById('list');
                        const next = document.querySelector('button.next');
                        let page = 0, pages = 1;
                        function load(p) {
                          list.replaceChildren();
                          next.disabled = true;
                          return getJson('/api/products.json?page=' + p + '&size=10').then(d => {
                            page = d.page;
                            pages = d.pages;
                            list.replaceChildren(...d.items.map(productItem));
                            document.getElementById('page').textContent = 'Page ' + page + ' of ' + pages;
                            next.disabled = page >= pages;
                          });
                        }
                        next.addEventListener('click', () => { if (page < pages) { load(page + 1); } });
                        load(1);
                        """));
            case "/spa/more":
                return Page.html(scripted("More products", """
                        <h1>Products</h1><ul id="list" class="loading"></ul>
                        <button class="load-more">Load more</button>""", """
                        const list = document.getElementById('list');
                        const more = document.querySelector('button.load-more');
                        let loaded = 0, total = Infinity, pending = 0, queue = Promise.resolve();
                        // Clicks are served one after the other; clicks beyond the end do nothing.
                        function request() {
                          pending++;
                          list.classList.add('loading');
                          queue = queue.then(() => loaded >= total ? null
                              : getJson('/api/products.json?page=' + (loaded / 10 + 1) + '&size=10').then(d => {
                                  list.append(...d.items.map(productItem));
                                  loaded += d.items.length;
                                  total = d.total;
                                  if (loaded >= total) { more.remove(); }
                                }))
                            .finally(() => { if (--pending === 0) { list.classList.remove('loading'); } });
                        }
                        more.addEventListener('click', request);
                        request();
                        """));
            case "/spa/infinite":
                return Page.html(scripted("Endless products", """
                        <style>li.product { height: 120px; }</style>
                        <h1>Products</h1><ul id="list"></ul><div id="sentinel">Loading…</div>""", """
                        const list = document.getElementById('list');
                        const sentinel = document.getElementById('sentinel');
                        let loaded = 0, total = Infinity, busy = false;
                        const observer = new IntersectionObserver(entries => {
                          if (entries.some(e => e.isIntersecting)) { loadNext(); }
                        });
                        function loadNext() {
                          if (busy || loaded >= total) { return Promise.resolve(); }
                          busy = true;
                          return getJson('/api/products.json?page=' + (loaded / 10 + 1) + '&size=10').then(d => {
                            list.append(...d.items.map(productItem));
                            loaded += d.items.length;
                            total = d.total;
                            busy = false;
                            if (loaded >= total) { observer.disconnect(); sentinel.remove(); }
                          });
                        }
                        // 10 rows of 120px: the sentinel starts below the fold.
                        loadNext().then(() => observer.observe(sentinel));
                        """));
            case "/static/products":
                return Page.html("<html><head><meta charset=\"utf-8\"><title>Products</title></head><body>"
                        + "<h1>Products</h1><ul id=\"list\">" + IntStream.rangeClosed(1, PRODUCTS)
                                .mapToObj(id -> "<li class=\"product\"><a href=\"/static/product/" + id + "\">"
                                        + name(id) + "</a> <span class=\"price\">" + price(id) + "</span></li>")
                                .collect(Collectors.joining())
                        + "</ul></body></html>");
            case "/auto":
                return Page.html(links("a.product", "product", List.of("/static/product/1", "/static/product/2",
                        "/spa/product/3", "/spa/product/4")));
            case "/mixed":
                return Page.html(links("a.page", "page", List.of("/spa/product/1", "/hang", "/crash",
                        "/spa/product/2")));
            case "/hang":
                return Page.html("<html><head><title>Hang</title></head><body><h1 class=\"name\">never</h1>"
                        + "<script>while (true) {}</script><p>never loaded</p></body></html>");
            case "/crash":
                // Arrays of 1M string references (4-8 MB each) until the heap limit; stops at ~0.6-1.2 GB should the
                // renderer run without --max-old-space-size, instead of eating the machine.
                return Page.html("""
                        <html><head><title>Crash</title></head><body><h1 class="name">never</h1><script>
                        const hoard = [];
                        for (let i = 0; i < 150; i++) { hoard.push(new Array(1000000).fill('x' + i)); }
                        document.title = 'survived ' + hoard.length;
                        </script></body></html>""");
            case "/login":
                return login(request);
            case "/account/orders":
                if (!signedIn(request)) {
                    return Page.redirect(302, "/login");
                }
                return Page.html(scripted("Your orders", """
                        <h1>Your orders</h1>
                        <table id="orders"><thead><tr><th>Order</th><th>Total</th></tr></thead><tbody></tbody></table>""",
                        """
                        getJson('/api/orders.json').then(d => {
                          document.querySelector('#orders tbody').replaceChildren(...d.orders.map(o => {
                            const tr = document.createElement('tr');
                            tr.className = 'order';
                            const id = document.createElement('td');
                            id.className = 'id';
                            const a = document.createElement('a');
                            a.href = '/account/orders/' + o.id;
                            a.textContent = String(o.id);
                            id.append(a);
                            const total = document.createElement('td');
                            total.className = 'total';
                            total.textContent = o.total;
                            tr.append(id, total);
                            return tr;
                          }));
                        });
                        """));
            default:
                break;
        }
        if ((m = SPA_PRODUCT.matcher(path)).matches()) {
            return Page.html(scripted("Product", "<div id=\"detail\"><p class=\"loading\">Loading…</p></div>", """
                    const id = location.pathname.split('/').pop();
                    getJson('/api/product/' + id + '.json').then(p => {
                      const h1 = document.createElement('h1');
                      h1.className = 'name';
                      h1.textContent = p.name;
                      const price = document.createElement('span');
                      price.className = 'price';
                      price.textContent = p.price;
                      const sku = document.createElement('span');
                      sku.className = 'sku';
                      sku.textContent = p.sku;
                      const description = document.createElement('p');
                      description.className = 'description';
                      description.textContent = p.description;
                      document.getElementById('detail').replaceChildren(h1, price, ' ', sku, description);
                    }, e => {
                      document.getElementById('detail').textContent = 'Not found';
                    });
                    """));
        }
        if ((m = STATIC_PRODUCT.matcher(path)).matches() && exists(m.group(1))) {
            int id = Integer.parseInt(m.group(1));
            return Page.html("<html><head><meta charset=\"utf-8\"><title>Product</title></head><body>"
                    + "<div id=\"detail\"><h1 class=\"name\">" + name(id) + "</h1><span class=\"price\">" + price(id)
                    + "</span> <span class=\"sku\">" + sku(id) + "</span><p class=\"description\">"
                    + escapeHtml(description(id)) + "</p></div></body></html>");
        }
        if ((m = ORDER.matcher(path)).matches()) {
            if (!signedIn(request)) {
                return Page.redirect(302, "/login");
            }
            int id = Integer.parseInt(m.group(1));
            return ORDERS.stream().filter(o -> o.id() == id).findFirst()
                    .map(o -> Page.html("<html><head><meta charset=\"utf-8\"></head><body>"
                            + "<h1 class=\"order-id\">Order " + o.id() + "</h1>"
                            + "<p>Total: <span class=\"total\">" + o.total() + "</span></p>"
                            + "<p>Status: <span class=\"status\">" + o.status() + "</span></p>"
                            + "<a href=\"/account/orders\">All orders</a></body></html>"))
                    .orElse(null);
        }
        return null;
    }

    private Page api(Request request, String path) {
        if (path.equals("/api/products.json")) {
            int size = request.query("size") == null ? PRODUCTS : Integer.parseInt(request.query("size"));
            int page = request.query("page") == null ? 1 : Integer.parseInt(request.query("page"));
            int pages = (PRODUCTS + size - 1) / size;
            String items = IntStream.rangeClosed((page - 1) * size + 1, Math.min(page * size, PRODUCTS))
                    .mapToObj(id -> "{\"id\":" + id + ",\"name\":" + quote(name(id)) + ",\"price\":" + quote(price(id))
                            + ",\"url\":\"/spa/product/" + id + "\"}")
                    .collect(Collectors.joining(","));
            return Page.json(200, "{\"page\":" + page + ",\"size\":" + size + ",\"pages\":" + pages + ",\"total\":"
                    + PRODUCTS + ",\"items\":[" + items + "]}");
        }
        Matcher m = API_PRODUCT.matcher(path);
        if (m.matches() && exists(m.group(1))) {
            int id = Integer.parseInt(m.group(1));
            return Page.json(200, "{\"id\":" + id + ",\"name\":" + quote(name(id)) + ",\"price\":" + quote(price(id))
                    + ",\"sku\":" + quote(sku(id)) + ",\"description\":" + quote(description(id)) + "}");
        }
        if (path.equals("/api/orders.json")) {
            if (!signedIn(request)) {
                return Page.json(401, "{\"error\":\"sign in first\"}");
            }
            return Page.json(200, "{\"orders\":[" + ORDERS.stream()
                    .map(o -> "{\"id\":" + o.id() + ",\"total\":" + quote(o.total()) + "}")
                    .collect(Collectors.joining(",")) + "]}");
        }
        return Page.json(404, "{\"error\":\"not found\"}");
    }

    private Page login(Request request) {
        if (request.method().equals("POST")) {
            if (USER.equals(request.form("user")) && PASSWORD.equals(request.form("password"))) {
                String token = UUID.randomUUID().toString();
                sessions.add(token);
                return Page.redirect(303, "/account/orders")
                        .withHeader("Set-Cookie", SESSION + "=" + token + "; Path=/; HttpOnly; SameSite=Lax");
            }
            return new Page(401, loginForm("<p class=\"error\">Wrong user name or password</p>"), null, Map.of());
        }
        return Page.html(loginForm(""));
    }

    private static String loginForm(String message) {
        return """
                <html><head><meta charset="utf-8"><title>Sign in</title></head><body><h1>Sign in</h1>%s
                <form method="post" action="/login">
                  <label>User <input id="user" name="user" type="text"></label>
                  <label>Password <input id="password" name="password" type="password"></label>
                  <button type="submit">Sign in</button>
                </form></body></html>""".formatted(message);
    }

    private boolean signedIn(Request request) {
        String token = request.cookie(SESSION);
        return token != null && sessions.contains(token);
    }

    private static boolean exists(String id) {
        int n = Integer.parseInt(id);
        return n >= 1 && n <= PRODUCTS;
    }

    private static String scripted(String title, String body, String script) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>"
                + body + "<script>\n" + COMMON_JS + script + "</script></body></html>";
    }

    private static String links(String selector, String marker, List<String> paths) {
        String cls = selector.substring(selector.indexOf('.') + 1);
        return "<html><head><meta charset=\"utf-8\"></head><body><h1>" + marker + "s</h1>" + paths.stream()
                .map(p -> "<a class=\"" + cls + "\" href=\"" + p + "\">" + p + "</a>")
                .collect(Collectors.joining(" ")) + "</body></html>";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
