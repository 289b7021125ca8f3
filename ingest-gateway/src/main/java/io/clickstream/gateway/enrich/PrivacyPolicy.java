package io.clickstream.gateway.enrich;

/**
 * Decides how a request's privacy signals are honoured: {@code DNT: 1} and {@code Sec-GPC: 1} each
 * map to a configured action, and the stricter of the two wins.
 */
public final class PrivacyPolicy {

    private PrivacyPolicy() {
    }

    public static PrivacyAction decide(String dntHeader, String gpcHeader,
                                       PrivacyAction onDnt, PrivacyAction onGpc) {
        PrivacyAction action = PrivacyAction.IGNORE;
        if (isSet(dntHeader)) {
            action = stricter(action, onDnt);
        }
        if (isSet(gpcHeader)) {
            action = stricter(action, onGpc);
        }
        return action;
    }

    private static boolean isSet(String header) {
        return header != null && header.trim().equals("1");
    }

    private static PrivacyAction stricter(PrivacyAction a, PrivacyAction b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
