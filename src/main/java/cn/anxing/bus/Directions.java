package cn.anxing.bus;

import cn.anxing.routing.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turn-by-turn directions as a driver or a child reads them (行车与步行指引), from GraphHopper's
 * Chinese instructions: the first step is said as setting off ({@code 出发，沿 建设路 行驶}), a
 * via point ({@code 中途点 1}) and the finish ({@code 到达终点}) as the stop reached ({@code 到达
 * 学院路与人民路口}), and distances are in 米 and 公里.
 */
final class Directions {

    /** GraphHopper's signs of a reached via point and of the finish. */
    private static final int REACHED_VIA = 5;
    private static final int FINISH = 4;
    private static final int CONTINUE = 0;
    /** How GraphHopper's zh_CN and en_US say a via point, in plans stored before this. */
    private static final Pattern WAYPOINT = Pattern.compile("^(中途点|waypoint) *\\d+$");
    private static final String ARRIVE = "到达 ";

    private Directions() {
    }

    /** The verb of a way driven, and of one walked. */
    static final String DRIVE = "行驶";
    static final String WALK = "步行";

    /**
     * The route's steps, each via point and the finish rewritten as the arrival at the named
     * waypoint: {@code names} holds one name per point routed through, the first the start.
     */
    static List<BusPlan.Step> steps(List<Route.Instruction> instructions, List<String> names) {
        return steps(instructions, names, DRIVE);
    }

    /** The same, for a way gone on foot ({@code verb} 步行) or by bus ({@code verb} 行驶). */
    static List<BusPlan.Step> steps(List<Route.Instruction> instructions, List<String> names,
            String verb) {
        List<BusPlan.Step> steps = new ArrayList<>();
        int reached = 0;
        for (Route.Instruction i : instructions) {
            String zh = i.textZh();
            String en = i.textEn();
            if (steps.isEmpty() && i.sign() == CONTINUE) {
                // GraphHopper starts with 继续 (continue): a driver or a child starts off
                zh = i.roadName().isBlank() ? "出发" : "出发，沿 " + i.roadName() + " " + verb;
                en = i.roadName().isBlank() ? "start" : "start along " + i.roadName();
            } else if (i.sign() == REACHED_VIA || i.sign() == FINISH) {
                reached = i.sign() == FINISH ? names.size() - 1 : reached + 1;
                String name = names.get(Math.min(reached, names.size() - 1));
                zh = ARRIVE + name;
                en = "arrive at " + name;
            }
            steps.add(new BusPlan.Step(zh, en, i.roadName(), round(i.distanceMetres()),
                    round(i.seconds()), round6(i.start().lat()), round6(i.start().lon())));
        }
        return steps;
    }

    /** True for a step that reaches a stop (or, in an older plan, a via point). */
    static boolean isArrival(String textZh) {
        return textZh.startsWith(ARRIVE) || textZh.equals("到达终点")
                || WAYPOINT.matcher(textZh.trim()).matches();
    }

    /** A step as printed: {@code 左转到 建设路，行驶 350 米}; an arrival without a distance. */
    static String said(String textZh, double metres) {
        return said(textZh, metres, DRIVE);
    }

    /** The same with the way's own verb: {@code 右转到 学院路，步行 80 米} on foot. */
    static String said(String textZh, double metres, String verb) {
        if (isArrival(textZh) || metres < 1) {
            return textZh;
        }
        // 出发，沿 建设路 行驶 350 米, not …行驶，行驶 350 米
        return textZh + (textZh.endsWith(verb) ? " " : "，" + verb + " ") + distance(metres);
    }

    /** {@code 80 米}, {@code 350 米}, {@code 1.2 公里}: to ten metres, from 1 km to 100 m. */
    static String distance(double metres) {
        long tens = Math.round(metres / 10) * 10;
        if (tens < 1000) {
            return Math.max(10, tens) + " 米";
        }
        return String.format(java.util.Locale.ROOT, "%.1f 公里", metres / 1000);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
