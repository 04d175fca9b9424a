// @ts-check
/**
 * Draws a bus plan on the base map: the lines of one run coloured per bus, the stops, the
 * households (grey) with their walks and those without a bus (red, with the reason), and the
 * school. Hover and tap texts are text nodes: household labels, bus labels and school names are
 * typed by people and are never read as HTML.
 */
import { localizeServerMessage, t } from '../i18n.js';
import { LABEL_FONT } from '../map/basemap.js';
import { firstSymbolLayer, hoverText, removeGeoJson, setGeoJson, textElement, textPopup }
    from '../map/overlays.js';
/** @import { Feature, FeatureCollection, Geometry, LineString, Point } from 'geojson' */
/**
 * @import { ExpressionSpecification, Map as MapLibreMap, MapLayerMouseEvent, Popup }
 *     from 'maplibre-gl'
 */
/** @import { SourcelessLayer } from '../map/overlays.js' */
/** @import { Line, LineStop, Plan } from '../types.js' */

/** @typedef {'evening' | 'morning'} Run */

/** Distinct colours for up to a dozen buses, then they repeat. */
export const LINE_COLOURS = ['#d7263d', '#1b998b', '#2e86ab', '#f46036', '#6a4c93', '#c5283d',
    '#3d9970', '#ff851b', '#0074d9', '#b10dc9', '#85144b', '#39cccc'];

export const PLAN_SOURCE = 'plan';

/**
 * The colour of bus line `number` (from 1).
 * @param {number} number
 * @returns {string}
 */
export function lineColour(number) {
    return LINE_COLOURS[(number - 1) % LINE_COLOURS.length];
}

/**
 * [lat, lon] pairs, as the plan gives paths, to GeoJSON's [lon, lat].
 * @param {[number, number][] | null | undefined} path
 * @returns {[number, number][]}
 */
const lonLat = (path) => (path ?? []).map(([lat, lon]) => [lon, lat]);
/**
 * @param {number} lat
 * @param {number} lon
 * @param {Record<string, unknown>} properties
 * @returns {Feature<Point>}
 */
const point = (lat, lon, properties) => ({ type: 'Feature', properties,
    geometry: { type: 'Point', coordinates: [lon, lat] } });
/**
 * @param {[number, number][] | null | undefined} path [lat, lon] pairs
 * @param {Record<string, unknown>} properties
 * @returns {Feature<LineString>}
 */
const line = (path, properties) => ({ type: 'Feature', properties,
    geometry: { type: 'LineString', coordinates: lonLat(path) } });

/**
 * The plan's run as one GeoJSON FeatureCollection, its features told apart by `kind`.
 * @param {Plan} plan
 * @param {Run} run
 * @returns {FeatureCollection}
 */
export function planFeatures(plan, run) {
    /** @type {Feature<Geometry>[]} */
    const features = [];
    for (const household of plan.households) {
        if (!household.stopId) continue;
        features.push(line(household.walkPath, { kind: 'walk' }));
        features.push(point(household.lat, household.lon, { kind: 'household',
            label: household.label ?? '', walkMetres: Math.round(household.walkMetres ?? 0) }));
    }
    for (const bus of plan[run].lines) {
        features.push(line(bus.path.geometry, { kind: 'line', number: bus.number,
            colour: lineColour(bus.number), name: bus.name, busLabel: bus.busLabel ?? '' }));
    }
    /** @type {Map<string, { bus: Line, stop: LineStop }>} */
    const lineOfStop = new Map();
    for (const bus of plan[run].lines) {
        for (const stop of bus.stops) lineOfStop.set(stop.stopId, { bus, stop });
    }
    for (const stop of plan.stops) {
        const at = lineOfStop.get(stop.id);
        if (!at) continue;
        features.push(point(stop.lat, stop.lon, { kind: 'stop', name: stop.name,
            colour: lineColour(at.bus.number), lineName: at.bus.name, arrival: at.stop.arrival }));
    }
    for (const unserved of plan.unserved) {
        features.push(point(unserved.lat, unserved.lon, { kind: 'unserved',
            label: unserved.label ?? '', reasonText: unserved.reasonText ?? '' }));
    }
    features.push(point(plan.schoolLat, plan.schoolLon, { kind: 'school',
        name: plan.schoolName ?? '' }));
    return { type: 'FeatureCollection', features };
}

/**
 * The filter of the features of one `kind`.
 * @param {string} value
 * @returns {ExpressionSpecification}
 */
const kind = (value) => ['==', ['get', 'kind'], value];

/**
 * Adds the plan's layers for `run` to `map` (its style loaded); returns {remove()} that takes
 * them off again.
 * @param {MapLibreMap} map
 * @param {Plan} plan
 * @param {Run} run
 * @returns {{ remove: () => void }}
 */
export function addPlanLayers(map, plan, run) {
    const below = firstSymbolLayer(map);
    setGeoJson(map, PLAN_SOURCE, planFeatures(plan, run));
    /** @type {SourcelessLayer[]} */
    const layers = [
        { id: 'plan-walk', type: 'line', filter: kind('walk'),
            paint: { 'line-color': '#666', 'line-width': 1.5, 'line-dasharray': [1.5, 2] } },
        { id: 'plan-line', type: 'line', filter: kind('line'),
            layout: { 'line-cap': 'round', 'line-join': 'round' },
            paint: { 'line-color': ['get', 'colour'], 'line-width': 5, 'line-opacity': 0.85 } },
        { id: 'plan-household', type: 'circle', filter: kind('household'),
            paint: { 'circle-radius': 3.5, 'circle-color': '#666', 'circle-opacity': 0.7,
                'circle-stroke-color': '#444', 'circle-stroke-width': 1 } },
        { id: 'plan-stop', type: 'circle', filter: kind('stop'),
            paint: { 'circle-radius': 6.5, 'circle-color': ['get', 'colour'],
                'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } },
        { id: 'plan-unserved', type: 'circle', filter: kind('unserved'),
            paint: { 'circle-radius': 6.5, 'circle-color': '#ff4d4f',
                'circle-stroke-color': '#b00020', 'circle-stroke-width': 2 } },
        { id: 'plan-school', type: 'circle', filter: kind('school'),
            paint: { 'circle-radius': 9, 'circle-color': '#222',
                'circle-stroke-color': '#ffd400', 'circle-stroke-width': 3 } },
    ];
    for (const layer of layers) map.addLayer({ ...layer, source: PLAN_SOURCE }, below);
    map.addLayer({ id: 'plan-school-label', type: 'symbol', source: PLAN_SOURCE,
        filter: kind('school'),
        layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 13,
            'text-anchor': 'top', 'text-offset': [0, 0.9] },
        paint: { 'text-color': '#222', 'text-halo-color': '#fff', 'text-halo-width': 2 } });

    const stops = [
        hoverText(map, 'plan-household', ({ properties: p }) =>
            `${p.label} · ${t('bus.walk', { metres: p.walkMetres })}`),
        hoverText(map, 'plan-line', ({ properties: p }) => `${p.name} · ${p.busLabel}`),
        hoverText(map, 'plan-stop', ({ properties: p }) =>
            `${p.name} · ${p.lineName} · ${p.arrival}`),
        hoverText(map, 'plan-school', ({ properties: p }) =>
            `${t('bus.school.marker')} · ${p.name}`),
    ];
    /** @type {Popup | null} */
    let popup = null;
    /** @param {MapLayerMouseEvent} event */
    const openUnserved = (event) => {
        const p = event.features?.[0]?.properties;
        if (!p) return;
        popup?.remove();
        popup = textPopup([textElement('strong', p.label),
            textElement('div', localizeServerMessage(p.reasonText))], { closeButton: true })
            .setLngLat(event.lngLat).addTo(map);
    };
    map.on('click', 'plan-unserved', openUnserved);
    return {
        remove() {
            stops.forEach((stop) => stop());
            map.off('click', 'plan-unserved', openUnserved);
            popup?.remove();
            removeGeoJson(map, PLAN_SOURCE);
        },
    };
}

/**
 * Moves the view to take in every household and the school.
 * @param {MapLibreMap} map
 * @param {Plan} plan
 */
export function fitPlan(map, plan) {
    map.resize();
    const points = plan.households.map((x) => [x.lon, x.lat])
        .concat([[plan.schoolLon, plan.schoolLat]]);
    const lons = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    map.fitBounds([[Math.min(...lons), Math.min(...lats)], [Math.max(...lons), Math.max(...lats)]],
        { padding: 16, animate: false, maxZoom: 17 });
}
