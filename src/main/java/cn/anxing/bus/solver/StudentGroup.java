package cn.anxing.bus.solver;

import java.util.Arrays;

/**
 * Students who travel together and board at the same stop: a household (家庭) in the product, a
 * single student in the benchmark. The caller decides which stops are in walking reach; a group
 * that needs a stop at its door passes that one stop. A group is never split across stops.
 *
 * @param students        how many seats the group needs, at least 1
 * @param candidateStops  matrix indices (1..m) of the stops the group may walk to; empty when
 *                        no stop is in reach (the group is then reported, not served)
 */
public record StudentGroup(int students, int[] candidateStops) {

    public StudentGroup {
        if (students < 1) {
            throw new IllegalArgumentException("students must be at least 1, was " + students);
        }
        candidateStops = candidateStops.clone();
    }

    @Override
    public int[] candidateStops() {
        return candidateStops.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StudentGroup g && g.students == students
                && Arrays.equals(g.candidateStops, candidateStops);
    }

    @Override
    public int hashCode() {
        return 31 * students + Arrays.hashCode(candidateStops);
    }

    @Override
    public String toString() {
        return "StudentGroup[students=" + students + ", candidateStops="
                + Arrays.toString(candidateStops) + "]";
    }
}
