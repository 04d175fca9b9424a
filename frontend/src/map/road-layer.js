/**
 * Our own base map: the roads in view, fetched as GeoJSON from /api/v1/map/roads and drawn as
 * lines styled by road class. The pages run on an intranet with no tile server, so this layer is
 * the whole background of every map.
 */
import L from 'leaflet';
import { get, withQuery } from '../api.js';

/** Width (pixels at zoom 15), fill and casing colours per OSM road class. */
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
const OTHER_ROAD = { width: 1.5, color: '#ffffff', casing: '#b3b3b3', rank: 0, minZoom: 15 };
const PATH_CLASSES = ['footway', 'cycleway', 'pedestrian', 'steps', 'bridleway', 'corridor'];

/** From this zoom on, road names are written on the map rather than only shown on hover. */
const LABEL_ZOOM = 16;
const MAX_LABELS = 80;
const REFRESH_DELAY_MS = 250;

export function roadStyle(roadClass) {
    const key = String(roadClass ?? '').toLowerCase();
    return ROAD_STYLES[key] ?? (PATH_CLASSES.includes(key) ? ROAD_STYLES.path : OTHER_ROAD);
}

/**
 * Adds the road layer to `map` and keeps it in step with the view (debounced on move and zoom).
 * `statusElement` gets `data-roads` = loading | loaded | failed and `data-road-count`, which
 * tests and a status line read.
 */
export function addRoadLayer(map, statusElement) {
    const renderer = L.canvas({ padding: 0.2 });
    const layer = L.layerGroup().addTo(map);
    let loadedBounds = null;
    let loadedZoom = null;
    let inFlight = null;
    let timer = null;

    const refresh = async () => {
        const view = map.getBounds();
        const zoom = map.getZoom();
        if (loadedBounds?.contains(view) && loadedZoom === zoom) return;
        const wanted = view.pad(0.25);
        inFlight?.abort();
        inFlight = new AbortController();
        setStatus(statusElement, 'loading');
        try {
            const roads = await get(withQuery('/map/roads', { bbox: bbox(wanted) }),
                { signal: inFlight.signal });
            const shown = draw(layer, roads?.features ?? [], map, renderer);
            loadedBounds = wanted;
            loadedZoom = zoom;
            setStatus(statusElement, 'loaded', shown);
        } catch (error) {
            if (error.name === 'AbortError') return;
            setStatus(statusElement, 'failed', 0, error);
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

/** Leaflet bounds as the API's bbox: minLon,minLat,maxLon,maxLat. */
export function bbox(bounds) {
    return [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
        .map((value) => value.toFixed(6)).join(',');
}

function draw(layer, features, map, renderer) {
    const zoom = map.getZoom();
    const visible = features
        .filter((feature) => (roadStyle(feature.properties?.roadClass).minZoom ?? 0) <= zoom)
        .sort((a, b) => roadStyle(a.properties?.roadClass).rank
            - roadStyle(b.properties?.roadClass).rank);
    const scale = 2 ** ((zoom - 15) / 2);
    layer.clearLayers();

    const casings = L.geoJSON(visible, {
        renderer,
        interactive: false,
        filter: (feature) => Boolean(roadStyle(feature.properties?.roadClass).casing),
        style: (feature) => {
            const style = roadStyle(feature.properties?.roadClass);
            return { color: style.casing, weight: style.width * scale + 2, opacity: 1,
                lineCap: 'round', lineJoin: 'round' };
        },
    });
    const fills = L.geoJSON(visible, {
        renderer,
        style: (feature) => {
            const style = roadStyle(feature.properties?.roadClass);
            return { color: style.color, weight: style.width * scale, opacity: 1,
                dashArray: style.dash, lineCap: 'round', lineJoin: 'round' };
        },
        onEachFeature: (feature, line) => {
            const name = feature.properties?.name;
            if (name) line.bindTooltip(escapeHtml(name), { sticky: true, className: 'road-tooltip' });
        },
    });
    layer.addLayer(casings);
    layer.addLayer(fills);
    if (zoom >= LABEL_ZOOM) addLabels(layer, visible, map.getBounds());
    return visible.length;
}

/** Writes each road name once, at the middle of its longest piece inside `view`. */
function addLabels(layer, features, view) {
    const longest = new Map();
    for (const feature of features) {
        const name = feature.properties?.name;
        const coordinates = feature.geometry?.type === 'LineString'
            ? feature.geometry.coordinates.filter(([lon, lat]) => view.contains([lat, lon]))
            : null;
        if (!name || !coordinates || coordinates.length < 2) continue;
        const length = lengthOf(coordinates);
        if (!longest.has(name) || longest.get(name).length < length) {
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

function lengthOf(coordinates) {
    let sum = 0;
    for (let i = 1; i < coordinates.length; i++) {
        sum += Math.hypot(coordinates[i][0] - coordinates[i - 1][0],
            coordinates[i][1] - coordinates[i - 1][1]);
    }
    return sum;
}

function setStatus(element, state, count = 0, error = null) {
    if (!element) return;
    element.dataset.roads = state;
    element.dataset.roadCount = String(count);
    element.dispatchEvent(new CustomEvent('roads', { detail: { state, count, error } }));
}

export function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
