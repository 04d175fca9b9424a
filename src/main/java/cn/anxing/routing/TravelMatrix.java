package cn.anxing.routing;

/**
 * Travel times and distances from every origin to every destination (出行矩阵), asymmetric
 * where one-way streets make it so. {@code seconds[i][j]} is from origin i to destination j;
 * an unreachable pair is {@link Double#POSITIVE_INFINITY} in both arrays.
 */
public record TravelMatrix(double[][] seconds, double[][] metres) {

    public int origins() {
        return seconds.length;
    }

    public int destinations() {
        return seconds.length == 0 ? 0 : seconds[0].length;
    }

    public boolean reachable(int origin, int destination) {
        return seconds[origin][destination] != Double.POSITIVE_INFINITY;
    }
}
