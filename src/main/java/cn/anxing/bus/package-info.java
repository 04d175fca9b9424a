/**
 * School custom buses (校园定制公交): coordinators register schools, households and buses, ask
 * for plans and print them (route sheets, stop lists, notices: {@link cn.anxing.bus.PrintService},
 * set with {@code cn.anxing.documents}); parents read their child's bus and print its notice.
 * Stops are named from the map's names ({@code cn.anxing.map.tiles.NamedPlaces}). {@link cn.anxing.bus.BusModule} builds the
 * repository, the planning queue (plans run one at a time on the routing worker pool), the
 * service and routes. Services throw {@link cn.anxing.error.DomainException} with
 * {@link cn.anxing.bus.BusError}, {@link cn.anxing.bus.PrintError} or routing codes, never HTTP types; JSON is written by the
 * routes and {@link cn.anxing.bus.PlanViews}. The optimizer in {@code cn.anxing.bus.solver} is
 * plain Java and may not use Vert.x, SQL or HTTP types (an architecture test holds it to that).
 */
package cn.anxing.bus;
