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
-- case (it never changes) so that a period's hotspots are one index range over this table.
CREATE TABLE insight_case_segment (
    case_id     uuid PRIMARY KEY,
    -- null when no drivable road is within 500 m of the reported point
    edge_id     integer REFERENCES insight_segment (edge_id),
    occurred_at timestamptz NOT NULL,
    snapped_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX insight_case_segment_time ON insight_case_segment (occurred_at)
    INCLUDE (edge_id);
CREATE INDEX insight_case_segment_edge ON insight_case_segment (edge_id, occurred_at);

-- The graph the edge ids above belong to (the graph cache's fingerprint). A changed map renumbers
-- the edges, so a start on another map empties both tables and snaps every case again.
CREATE TABLE insight_graph (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    fingerprint text NOT NULL
);

-- True when the local time of day of `at` in `zone` lies in [from_minute, to_minute); a band
-- whose from is after its to wraps past midnight; 0 to 1440 is the whole day. The bands are data
-- (insight/time-bands.json): the minutes come from there.
CREATE FUNCTION insight_in_band(at timestamptz, zone text, from_minute integer,
        to_minute integer) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN from_minute = 0 AND to_minute = 1440 THEN true
        WHEN from_minute < to_minute THEN
            floor(extract(epoch FROM (at AT TIME ZONE zone)::time) / 60) >= from_minute
            AND floor(extract(epoch FROM (at AT TIME ZONE zone)::time) / 60) < to_minute
        ELSE floor(extract(epoch FROM (at AT TIME ZONE zone)::time) / 60) >= from_minute
            OR floor(extract(epoch FROM (at AT TIME ZONE zone)::time) / 60) < to_minute
    END
$$;
