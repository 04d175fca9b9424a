package cn.anxing.bus;

import java.util.List;

/** Everything a plan is made from, read at the start of a planning job. */
public record PlanningInput(School school, BusPolicy policy, List<Household> households,
                            List<SchoolBus> buses) {

    public PlanningInput {
        households = List.copyOf(households);
        buses = List.copyOf(buses);
    }
}
