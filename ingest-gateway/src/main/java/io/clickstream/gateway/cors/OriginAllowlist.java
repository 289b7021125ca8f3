package io.clickstream.gateway.cors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The origins one write key accepts, from configuration entries: an origin ({@code https://shop.example}),
 * any subdomain of a domain ({@code https://*.shop.example}, not the domain itself), {@code loopback},
 * {@code *} (any origin) or {@code none}.
 */
public final class OriginAllowlist {

    static final String LOOPBACK = "loopback";
    static final String ANY = "*";
    static final String NONE = "none";

    /** Nothing allowed. */
    public static final OriginAllowlist EMPTY = new OriginAllowlist(false, false, Set.of(), List.of());

    private final boolean any;
    private final boolean loopback;
    private final Set<String> exact;
    /** {@code https://*.shop.example} as (scheme, ".shop.example", port). */
    private final List<Origin> subdomainsOf;

    private OriginAllowlist(boolean any, boolean loopback, Set<String> exact, List<Origin> subdomainsOf) {
        this.any = any;
        this.loopback = loopback;
        this.exact = exact;
        this.subdomainsOf = subdomainsOf;
    }

    /**
     * @param configKey the property the entries come from, named in the error
     * @throws IllegalArgumentException for an entry that is none of the accepted forms
     */
    public static OriginAllowlist parse(String configKey, Collection<String> entries) {
        boolean any = false;
        boolean loopback = false;
        Set<String> exact = new LinkedHashSet<>();
        List<Origin> subdomains = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            String lower = entry.toLowerCase(Locale.ROOT);
            if (entry.isEmpty() || lower.equals(NONE)) {
                continue;
            }
            if (lower.equals(ANY)) {
                any = true;
            } else if (lower.equals(LOOPBACK)) {
                loopback = true;
            } else if (lower.matches("https?://\\*\\.[^*/]+")) {
                int star = lower.indexOf("*.");
                Origin base = Origin.parse(lower.substring(0, star) + lower.substring(star + 2))
                        .orElseThrow(() -> invalid(configKey, entry));
                subdomains.add(new Origin(base.scheme(), "." + base.host(), base.port()));
            } else {
                exact.add(Origin.parse(entry).orElseThrow(() -> invalid(configKey, entry)).text());
            }
        }
        return new OriginAllowlist(any, loopback, Set.copyOf(exact), List.copyOf(subdomains));
    }

    private static IllegalArgumentException invalid(String configKey, String entry) {
        return new IllegalArgumentException(configKey + ": '" + entry + "' is not an allowed-origin entry; write "
                + "scheme://host[:port] (e.g. https://shop.example), https://*.shop.example, loopback, * or none");
    }

    public boolean allows(Origin origin) {
        if (any || loopback && origin.isLoopback() || exact.contains(origin.text())) {
            return true;
        }
        for (Origin parent : subdomainsOf) {
            if (parent.scheme().equals(origin.scheme()) && parent.port() == origin.port()
                    && origin.host().endsWith(parent.host())) {
                return true;
            }
        }
        return false;
    }

    /** Whether an opaque origin ({@code Origin: null}: sandboxed frames, file: pages) is accepted. */
    public boolean allowsOpaque() {
        return any;
    }

    public boolean isEmpty() {
        return !any && !loopback && exact.isEmpty() && subdomainsOf.isEmpty();
    }

    /** What any of these lists allows. */
    public static OriginAllowlist union(Collection<OriginAllowlist> lists) {
        boolean any = false;
        boolean loopback = false;
        Set<String> exact = new LinkedHashSet<>();
        List<Origin> subdomains = new ArrayList<>();
        for (OriginAllowlist list : lists) {
            any |= list.any;
            loopback |= list.loopback;
            exact.addAll(list.exact);
            subdomains.addAll(list.subdomainsOf);
        }
        return new OriginAllowlist(any, loopback, Set.copyOf(exact), List.copyOf(subdomains));
    }
}
