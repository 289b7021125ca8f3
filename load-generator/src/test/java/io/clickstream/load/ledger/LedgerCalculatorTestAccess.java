package io.clickstream.load.ledger;

/** Lets tests of other packages reuse the hand-checked ledger. */
public final class LedgerCalculatorTestAccess {
    private LedgerCalculatorTestAccess() {
    }

    public static Ledger smallLedger() {
        return LedgerCalculatorTest.ledger();
    }
}
