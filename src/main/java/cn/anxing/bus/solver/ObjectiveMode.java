package cn.anxing.bus.solver;

/** What the solver minimises. */
public enum ObjectiveMode {
    /** Total route cost, every student served, at most the available buses (Schittekat 2013). */
    BENCHMARK,
    /**
     * Lexicographic, for the product: most students served, then fewest buses, then least total
     * route cost (pass the time matrix as the cost matrix to minimise driving time), then the
     * shortest longest ride.
     */
    PRODUCT
}
