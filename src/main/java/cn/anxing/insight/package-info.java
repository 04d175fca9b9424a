/**
 * The one traffic map (智行平湖一张图) and the dashboard for police and admins: accidents
 * snapped to road segments and counted per period and time of day, the layers of open cases,
 * repeated reports avoided and school buses, and the figures of the dashboard, also as
 * Prometheus metrics.
 *
 * <p><b>The one exception to "a feature owns its tables".</b> Every other feature reads and
 * writes only its own tables. Insight is a read model: it <em>reads</em> the accident tables
 * ({@code accident_case}, {@code accident_transition}, {@code accident_duplicate_offer}), the
 * payment tables ({@code payment_payer}, {@code ledger_posting}, {@code advance_application},
 * {@code bill}, {@code application_payer}, {@code payment_instruction}) and the bus tables
 * ({@code bus_school}, {@code bus_plan}, {@code bus_plan_job}) with its own SQL in
 * {@link cn.anxing.insight.InsightRepository} (segments and the map) and
 * {@link cn.anxing.insight.DashboardRepository} (the dashboard and the metrics), and it
 * <em>never writes</em> them. It writes only
 * its own tables ({@code insight_segment}, {@code insight_case_segment}, {@code insight_graph},
 * V50). Why: the figures cut across three features (a case's report, its agreement, the advance
 * paid for its injured, the bus lines on the same roads), and answering them through each
 * feature's service would mean a cross-feature API per chart and per-row calls for 100,000
 * cases, where one SQL aggregate answers in milliseconds. The price is that a change of those
 * tables' columns must be checked against this package's SQL; its tests run against the real
 * schema, so such a change fails them.
 *
 * <p>Snapping is lazy, so the accident feature needs no hook: {@link
 * cn.anxing.insight.SegmentSnapper} snaps the cases that have no segment yet at start (the
 * backfill), on a timer, and before every hotspot answer; with several instances on one database,
 * one at a time ({@link cn.anxing.insight.SnapClaim}).
 */
package cn.anxing.insight;
