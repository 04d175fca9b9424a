-- The one traffic map (一张图, cn.anxing.insight): a read model over the accident, payment and
-- bus tables. Insight writes only these tables; it reads the others and never changes them.

-- A road segment accidents were snapped to: one GraphHopper edge, junction to junction, with its
-- OpenStreetMap way, name and geometry, so hotspots are answered without touching the graph.
CREATE TABLE insight_segment (
    edge_id    integer PRIMARY KEY,
    way_id     bigint NOT NULL,
    road_name  text NOT NULL,
    road_class text NOT NULL,
    -- GeoJSON LineString coordinates: [[lon, lat], ...]
    geometry   jsonb NOT NULL
);

-- Where each accident case lies on the road graph. case_id is accident_case.id; not a foreign
-- key, as with the payments, so that the features migrate alone. occurred_at is copied from the
-- case (it never changes), and its minute of the local day (in the zone of
-- insight/time-bands.json) with it, so that a period's hotspots in a time-of-day band are one
-- index-only range scan over this table.
CREATE TABLE insight_case_segment (
    case_id      uuid PRIMARY KEY,
    -- null when no drivable road is within 500 m of the reported point
    edge_id      integer REFERENCES insight_segment (edge_id),
    occurred_at  timestamptz NOT NULL,
    local_minute smallint NOT NULL CHECK (local_minute BETWEEN 0 AND 1439),
    snapped_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX insight_case_segment_time ON insight_case_segment (occurred_at)
    INCLUDE (edge_id, local_minute);
CREATE INDEX insight_case_segment_edge ON insight_case_segment (edge_id, occurred_at);

-- The graph the edge ids above belong to (the graph cache's fingerprint) and the zone of the local
-- minutes. A changed map renumbers the edges (and a changed zone moves the minutes), so a start on
-- another map or zone empties both tables and snaps every case again.
CREATE TABLE insight_graph (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    fingerprint text NOT NULL
);

