package io.clickstream.load.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The sites a run sends for, each with the gateway write key that names it ({@code clickstream.sites.<key>=<site>}
 * in the gateway): every user belongs to one site and its events go with that site's key, so the
 * gateway stamps {@code site} on them. Traffic is shared by rank: site i (0-based) gets a share
 * proportional to 1 / (i + 1), so the first site is the busiest.
 *
 * @param sites in the order given
 */
public record Sites(List<Site> sites) {

    /** The sites {@code load} sends for by default and the demo configures in its gateway. */
    public static final String DEFAULT_SPEC = "shop=wk_shop,blog=wk_blog,docs=wk_docs";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /**
     * One site.
     *
     * @param name     the {@code site} the gateway stamps on its events (also the host {@code <name>.example.com})
     * @param writeKey the key to send with; empty: none (a gateway without write keys stamps its default site)
     */
    public record Site(String name, String writeKey) {
    }

    public Sites {
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("at least one site is needed, e.g. " + DEFAULT_SPEC);
        }
        sites = List.copyOf(sites);
    }

    public static Sites defaults() {
        return parse(DEFAULT_SPEC);
    }

    /** Parses {@code site=key,site=key}; {@code site=} (no key) sends without a write key. */
    public static Sites parse(String spec) {
        List<Site> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = (eq < 0 ? part : part.substring(0, eq)).trim();
            String key = eq < 0 ? "" : part.substring(eq + 1).trim();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("site '" + name + "' in '" + spec + "': a site is lower-case letters, "
                        + "digits, '-' or '_' (sites are given as site=writekey,site=writekey, e.g. " + DEFAULT_SPEC + ")");
            }
            if (out.stream().anyMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("site '" + name + "' is given twice in '" + spec + "'");
            }
            out.add(new Site(name, key));
        }
        return new Sites(out);
    }

    /** The site of one user, drawn from its own generator with the rank shares. */
    public Site pick(SplittableRandom random) {
        double total = 0;
        for (int i = 0; i < sites.size(); i++) {
            total += 1.0 / (i + 1);
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < sites.size(); i++) {
            r -= 1.0 / (i + 1);
            if (r < 0) {
                return sites.get(i);
            }
        }
        return sites.get(sites.size() - 1);
    }

    public Site first() {
        return sites.get(0);
    }

    /** Write key by site name (empty string: send without a key). */
    public Map<String, String> writeKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        sites.forEach(s -> keys.put(s.name(), s.writeKey()));
        return keys;
    }

    /** The gateway settings that make it stamp these sites: {@code clickstream.sites.<key>=<site>}. */
    public List<String> gatewayProperties() {
        return sites.stream().filter(s -> !s.writeKey().isEmpty())
                .map(s -> "clickstream.sites." + s.writeKey() + "=" + s.name()).toList();
    }

    /** The text {@link #parse} reads. */
    public String spec() {
        return String.join(",", sites.stream().map(s -> s.name() + "=" + s.writeKey()).toList());
    }
}
