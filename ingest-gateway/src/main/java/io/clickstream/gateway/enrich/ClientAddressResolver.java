package io.clickstream.gateway.enrich;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the client's address from the TCP peer and {@code X-Forwarded-For}, trusting exactly as many
 * proxies as are configured. Each trusted proxy appends the address it saw on the right; everything
 * left of the trusted part was written by the client itself and may be forged, so it is never used.
 */
public final class ClientAddressResolver {

    private ClientAddressResolver() {
    }

    /**
     * @param peer              address of the TCP peer (the last proxy, or the client itself)
     * @param forwardedFor      every {@code X-Forwarded-For} header value, in arrival order
     * @param trustedProxyHops  proxies in front of the gateway (0: ignore X-Forwarded-For)
     * @return the client address as text, or {@code peer} when the chain holds no usable entry
     */
    public static String resolve(String peer, List<String> forwardedFor, int trustedProxyHops) {
        if (trustedProxyHops <= 0 || forwardedFor == null || forwardedFor.isEmpty()) {
            return peer;
        }
        // The chain as the last proxy saw it, then the peer: [client?, proxy1, …, proxyN-1], peer.
        List<String> chain = new ArrayList<>();
        for (String header : forwardedFor) {
            if (header == null) {
                continue;
            }
            for (String part : header.split(",")) {
                String entry = part.trim();
                if (!entry.isEmpty()) {
                    chain.add(entry);
                }
            }
        }
        chain.add(peer);
        // Walk from the right over trusted hops; a shorter chain than configured ends at its leftmost entry.
        int index = Math.max(0, chain.size() - 1 - trustedProxyHops);
        String candidate = chain.get(index);
        // A garbage entry written by a trusted proxy cannot be used; fall back to the nearest valid one on its right.
        for (int i = index; i < chain.size(); i++) {
            if (IpAnonymiser.isLiteral(chain.get(i))) {
                return chain.get(i);
            }
        }
        return candidate;
    }
}
