// @ts-check
/**
 * Our own base map: the roads in view, fetched as GeoJSON from /api/v1/map/roads and drawn as
 * lines styled by road class. The pages run on an intranet with no tile server, so this layer is
 * the whole background of every map.
 */
import L from 'leaflet';
import { get, withQuery } from '../api.js';
/** @import { Feature, FeatureCollection, LineString, Position } from 'geojson' */
/** @import { RoadProperties } from '../types.js' */

/**
 * How a road class is drawn: width (pixels at zoom 15), fill and casing colours, dashes, the
 * order (higher on top) and the zoom it shows from.
 * @typedef {object} RoadStyle
 * @property {number} width
 * @property {string} color
 * @property {string} [casing]
 * @property {string} [dash]
 * @property {number} rank
 * @property {number} [minZoom]
 */

/** @typedef {Feature<LineString, RoadProperties>} Road */

/**
 * What the road layer tells its element (a `roads` CustomEvent) as it loads.
 * @typedef {object} RoadStatus
 * @property {'loading' | 'loaded' | 'failed'} state
 * @property {number} count
 * @property {(Error & { code?: string, serverMessage?: string }) | null} error
 */

/**
 * Width (pixels at zoom 15), fill and casing colours per OSM road class.
 * @type {Record<string, RoadStyle>}
 */
const ROAD_STYLES = {
    motorway: { width: 6, color: '#e892a2', casing: '#c24e6b', rank: 9 },
    trunk: { width: 5.5, color: '#f9b29c', casing: '#c84e2f', rank: 8 },
    primary: { width: 5, color: '#fcd6a4', casing: '#a06b00', rank: 7 },
    secondary: { width: 4.5, color: '#f7fabf', casing: '#707d05', rank: 6 },
    tertiary: { width: 4, color: '#ffffff', casing: '#8f8f8f', rank: 5 },
    residential: { width: 3, color: '#ffffff', casing: '#a6a6a6', rank: 4, minZoom: 13 },
    unclassified: { width: 3, color: '#ffffff', casing: '#a6a6a6', rank: 4, minZoom: 13 },
    living_street: { width: 3, color: '#ededed', casing: '#a6a6a6', rank: 3, minZoom: 14 },
    road: { width: 3, color: '#ffffff', casing: '#a6a6a6', rank: 3, minZoom: 13 },
    service: { width: 2, color: '#ffffff', casing: '#b3b3b3', rank: 2, minZoom: 15 },
    track: { width: 1.5, color: '#996600', dash: '4 3', rank: 1, minZoom: 15 },
    path: { width: 1, color: '#fa8072', dash: '3 3', rank: 1, minZoom: 16 },
};
/** @type {RoadStyle} */
const OTHER_ROAD = { width: 1.5, color: '#ffffff', casing: '#b3b3b3', rank: 0, minZoom: 15 };
const PATH_CLASSES = ['footway', 'cycleway', 'pedestrian', 'steps', 'bridleway', 'corridor'];

/** From this zoom on, road names are written on the map rather than only shown on hover. */
const LABEL_ZOOM = 16;
const MAX_LABELS = 80;
const REFRESH_DELAY_MS = 250;

/**
 * @param {string | null | undefined} roadClass
 * @returns {RoadStyle}
 */
export function roadStyle(roadClass) {
    const key = String(roadClass ?? '').toLowerCase();
    return ROAD_STYLES[key] ?? (PATH_CLASSES.includes(key) ? ROAD_STYLES.path : OTHER_ROAD);
}

/**
 * Adds the road layer to `map` and keeps it in step with the view (debounced on move and zoom).
 * `statusElement` gets `data-roads` = loading | loaded | failed and `data-road-count`, which
 * tests and a status line read.
 * @param {L.Map} map
 * @param {HTMLElement} statusElement
 * @returns {L.LayerGroup}
 */
export function addRoadLayer(map, statusElement) {
    const renderer = L.canvas({ padding: 0.2 });
    const layer = L.layerGroup().addTo(map);
    /** @type {L.LatLngBounds | null} */
    let loadedBounds = null;
    /** @type {number | null} */
    let loadedZoom = null;
    /** @type {AbortController | null} */
    let inFlight = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;

    const refresh = async () => {
        const view = map.getBounds();
        const zoom = map.getZoom();
        if (loadedBounds?.contains(view) && loadedZoom === zoom) return;
        const wanted = view.pad(0.25);
        inFlight?.abort();
        const request = new AbortController();
        inFlight = request;
        setStatus(statusElement, 'loading');
        try {
            /** @type {FeatureCollection<LineString, RoadProperties> | null} */
            const roads = await get(withQuery('/map/roads', { bbox: bbox(wanted) }),
                { signal: request.signal });
            const shown = draw(layer, roads?.features ?? [], map, renderer);
            loadedBounds = wanted;
            loadedZoom = zoom;
            setStatus(statusElement, 'loaded', shown);
        } catch (error) {
            if (error instanceof DOMException && error.name === 'AbortError') return;
            setStatus(statusElement, 'failed', 0, error instanceof Error ? error : null);
        }
    };
    const schedule = () => {
        clearTimeout(timer);
        timer = setTimeout(refresh, REFRESH_DELAY_MS);
    };

    map.on('moveend', schedule);
    map.on('unload', () => {
        clearTimeout(timer);
        inFlight?.abort();
    });
    refresh();
    return layer;
}

/**
 * Leaflet bounds as the API's bbox: minLon,minLat,maxLon,maxLat.
 * @param {L.LatLngBounds} bounds
 */
export function bbox(bounds) {
    return [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
        .map((value) => value.toFixed(6)).join(',');
}

/**
 * Draws the roads the zoom shows (casings under fills, bigger roads on top); returns how many.
 * @param {L.LayerGroup} layer
 * @param {Road[]} features
 * @param {L.Map} map
 * @param {L.Renderer} renderer
 */
function draw(layer, features, map, renderer) {
    const zoom = map.getZoom();
    const visible = features
        .filter((feature) => (roadStyle(feature.properties?.roadClass).minZoom ?? 0) <= zoom)
        .sort((a, b) => roadStyle(a.properties?.roadClass).rank
            - roadStyle(b.properties?.roadClass).rank);
    const scale = 2 ** ((zoom - 15) / 2);
    layer.clearLayers();

    // renderer is a Path option that GeoJSON passes to each line; @types/leaflet's GeoJSONOptions
    // leave it out, so the options are typed as the lines' (PathOptions) too
    /** @type {L.GeoJSONOptions<RoadProperties, LineString> & L.PathOptions} */
    const casingOptions = {
        renderer,
        interactive: false,
        filter: (feature) => Boolean(roadStyle(feature.properties?.roadClass).casing),
        style: (feature) => {
            const style = roadStyle(feature?.properties?.roadClass);
            return { color: style.casing, weight: style.width * scale + 2, opacity: 1,
                lineCap: 'round', lineJoin: 'round' };
        },
    };
    const casings = L.geoJSON(visible, casingOptions);
    /** @type {L.GeoJSONOptions<RoadProperties, LineString> & L.PathOptions} */
    const fillOptions = {
        renderer,
        style: (feature) => {
            const style = roadStyle(feature?.properties?.roadClass);
            return { color: style.color, weight: style.width * scale, opacity: 1,
                dashArray: style.dash, lineCap: 'round', lineJoin: 'round' };
        },
        onEachFeature: (feature, line) => {
            const name = feature.properties?.name;
            if (name) line.bindTooltip(escapeHtml(name), { sticky: true, className: 'road-tooltip' });
        },
    };
    const fills = L.geoJSON(visible, fillOptions);
    layer.addLayer(casings);
    layer.addLayer(fills);
    if (zoom >= LABEL_ZOOM) addLabels(layer, visible, map.getBounds());
    return visible.length;
}

/**
 * Writes each road name once, at the middle of its longest piece inside `view`.
 * @param {L.LayerGroup} layer
 * @param {Road[]} features
 * @param {L.LatLngBounds} view
 */
function addLabels(layer, features, view) {
    /** @type {Map<string, { length: number, coordinates: Position[] }>} */
    const longest = new Map();
    for (const feature of features) {
        const name = feature.properties?.name;
        const coordinates = feature.geometry?.type === 'LineString'
            ? feature.geometry.coordinates.filter(([lon, lat]) => view.contains([lat, lon]))
            : null;
        if (!name || !coordinates || coordinates.length < 2) continue;
        const length = lengthOf(coordinates);
        const known = longest.get(name);
        if (!known || known.length < length) {
            longest.set(name, { length, coordinates });
        }
    }
    [...longest.entries()]
        .sort((a, b) => b[1].length - a[1].length)
        .slice(0, MAX_LABELS)
        .forEach(([name, { coordinates }]) => {
            const [lon, lat] = coordinates[Math.floor(coordinates.length / 2)];
            layer.addLayer(L.tooltip({ permanent: true, direction: 'center', className: 'road-label',
                interactive: false })
                .setLatLng([lat, lon])
                .setContent(escapeHtml(name)));
        });
}

/** @param {Position[]} coordinates */
function lengthOf(coordinates) {
    let sum = 0;
    for (let i = 1; i < coordinates.length; i++) {
        sum += Math.hypot(coordinates[i][0] - coordinates[i - 1][0],
            coordinates[i][1] - coordinates[i - 1][1]);
    }
    return sum;
}

/**
 * @param {HTMLElement} element
 * @param {RoadStatus['state']} state
 * @param {number} [count]
 * @param {RoadStatus['error']} [error]
 */
function setStatus(element, state, count = 0, error = null) {
    if (!element) return;
    element.dataset.roads = state;
    element.dataset.roadCount = String(count);
    /** @type {RoadStatus} */
    const detail = { state, count, error };
    element.dispatchEvent(new CustomEvent('roads', { detail }));
}

/**
 * `text` safe inside Leaflet's HTML strings (tooltips and popups take markup).
 * @param {unknown} text
 */
export function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
