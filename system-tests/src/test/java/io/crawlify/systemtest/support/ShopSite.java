package io.crawlify.systemtest.support;

import io.crawlify.testsupport.TestSite;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A generated shop: an index linking categories, paginated category listings (which link back to the index and
 * every category, making cycles) and product pages with name, price, SKU and an attribute table. Knows the exact
 * item each product page must yield.
 */
public final class ShopSite {

    private static final Pattern LISTING = Pattern.compile("/cat/(\\d+)/page/(\\d+)\\.html");
    private static final Pattern PRODUCT = Pattern.compile("/product/(\\d+)\\.html");

    private final int products;
    private final int categories;
    private final int perPage;

    public ShopSite(int products, int categories, int perPage) {
        this.products = products;
        this.categories = categories;
        this.perPage = perPage;
    }

    public int productsPerCategory() {
        return (products + categories - 1) / categories;
    }

    public int pagesPerCategory() {
        return (productsPerCategory() + perPage - 1) / perPage;
    }

    /** Index + listing pages + product pages. */
    public int pageCount() {
        return 1 + categories * pagesPerCategory() + products;
    }

    public TestSite.Page page(String path) {
        if (path.equals("/index.html")) {
            StringBuilder html = new StringBuilder("<html><body><h1>Shop</h1>");
            for (int c = 1; c <= categories; c++) {
                html.append("<a class=\"cat\" href=\"/cat/").append(c).append("/page/1.html\">Category ").append(c)
                        .append("</a>");
            }
            return TestSite.Page.html(html.append("</body></html>").toString());
        }
        Matcher listing = LISTING.matcher(path);
        if (listing.matches()) {
            return listing(Integer.parseInt(listing.group(1)), Integer.parseInt(listing.group(2)));
        }
        Matcher product = PRODUCT.matcher(path);
        if (product.matches() && Integer.parseInt(product.group(1)) >= 1
                && Integer.parseInt(product.group(1)) <= products) {
            return TestSite.Page.html(product(Integer.parseInt(product.group(1))));
        }
        return null;
    }

    private TestSite.Page listing(int category, int page) {
        if (category < 1 || category > categories || page < 1 || page > pagesPerCategory()) {
            return null;
        }
        StringBuilder html = new StringBuilder("<html><body><a class=\"cat\" href=\"/index.html\">Home</a>");
        for (int c = 1; c <= categories; c++) {
            // Every listing links every category again: the crawler must deduplicate.
            html.append("<a class=\"cat\" href=\"../../").append(c).append("/page/1.html#top\">C").append(c).append("</a>");
        }
        int first = (category - 1) * productsPerCategory() + (page - 1) * perPage + 1;
        int last = Math.min(Math.min(first + perPage - 1, category * productsPerCategory()), products);
        for (int id = first; id <= last; id++) {
            // Image and title both link the product: one product, one task.
            html.append("<div class=\"card\"><a class=\"product\" href=\"/product/").append(id)
                    .append(".html\"><img src=\"/img/").append(id).append(".png\"></a><a class=\"product\" href=\"http://127.0.0.1:")
                    .append("PORT/product/").append(id).append(".html\">Product ").append(id).append("</a></div>");
        }
        if (page < pagesPerCategory()) {
            html.append("<a class=\"next\" href=\"").append(page + 1).append(".html\">Next</a>");
        }
        return TestSite.Page.html(html.append("</body></html>").toString());
    }

    /** Listing pages use absolute product links; the port is only known once the site is serving. */
    public TestSite serve() {
        TestSite[] site = new TestSite[1];
        site[0] = new TestSite(path -> {
            TestSite.Page page = page(path);
            return page == null ? null : new TestSite.Page(page.status(),
                    page.body().replace("PORT/", site[0].port() + "/"));
        });
        return site[0];
    }

    private static String product(int id) {
        return "<html><head><meta charset=\"utf-8\"></head><body>"
                + "<h1 class=\"name\">\n   " + name(id) + "  </h1>"
                + "<span class=\"price\"> $" + price(id) + " </span>"
                + "<span class=\"sku\">SKU-" + String.format("%05d", id) + "</span>"
                + "<table class=\"attrs\">"
                + "<tr><th> Color </th><td>" + color(id) + "</td></tr>"
                + "<tr><th>Weight</th><td> " + (id % 17 + 1) + " kg</td></tr>"
                + "<tr><th>Material</th><td>" + (id % 2 == 0 ? "Steel &amp; Oak" : "Crème fraîche") + "</td></tr>"
                + "</table></body></html>";
    }

    /** The item the detail phase must extract from product {@code id}. */
    public static ObjectNode expectedItem(int id) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("name", name(id));
        item.put("price", "$" + price(id));
        item.put("sku", "SKU-" + String.format("%05d", id));
        ObjectNode attributes = item.putObject("attributes");
        attributes.put("Color", color(id));
        attributes.put("Weight", (id % 17 + 1) + " kg");
        attributes.put("Material", id % 2 == 0 ? "Steel & Oak" : "Crème fraîche");
        return item;
    }

    /** Expected items by product page path. */
    public Map<String, ObjectNode> expectedItems() {
        Map<String, ObjectNode> items = new LinkedHashMap<>();
        for (int id = 1; id <= products; id++) {
            items.put("/product/" + id + ".html", expectedItem(id));
        }
        return items;
    }

    private static String name(int id) {
        return "Product " + id + " " + (id % 3 == 0 ? "Deluxe" : "Basic");
    }

    private static String price(int id) {
        return (id * 7 % 1000) + "." + String.format("%02d", id % 100);
    }

    private static String color(int id) {
        return new String[] { "red", "green", "blue", "black" }[id % 4];
    }
}
