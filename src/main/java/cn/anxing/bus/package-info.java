/**
 * School custom buses (校园定制公交): coordinators register schools, households and buses and ask
 * for plans; parents read their child's bus. {@link cn.anxing.bus.BusModule} builds the
 * repository, the planning queue (plans run one at a time on the routing worker pool), the
 * service and routes. Services throw {@link cn.anxing.error.DomainException} with
 * {@link cn.anxing.bus.BusError} or routing codes, never HTTP types; JSON is written by the
 * routes and {@link cn.anxing.bus.PlanViews}. The optimizer in {@code cn.anxing.bus.solver} is
 * plain Java and may not use Vert.x, SQL or HTTP types (an architecture test holds it to that).
 */
package cn.anxing.bus;
