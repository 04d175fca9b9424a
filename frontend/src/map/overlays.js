// @ts-check
/**
 * What pages draw on the base map: pins, GeoJSON layers, a road highlighted, and popups made of
 * text nodes only. Labels come from people (household labels, bus labels, school names), so
 * nothing here ever parses a string as HTML.
 */
import { maplibregl } from './basemap.js';
/** @import { Geometry, GeoJSON, Position } from 'geojson' */
/**
 * @import { FilterSpecification, GeoJSONSource, LayerSpecification, Map as MapLibreMap,
 *     MapGeoJSONFeature, MapLayerMouseEvent, Marker, Popup, PopupOptions } from 'maplibre-gl'
 */
/** @import { LatLon } from '../types.js' */

/**
 * A layer of a GeoJSON source we add: any MapLibre layer but the background, without its
 * `source` (setGeoJson names it).
 * @typedef {LayerSpecification extends infer L ? L extends { source: string }
 *     ? Omit<L, 'source'> : never : never} SourcelessLayer
 */

/** A point on the screen, in pixels. @typedef {{ x: number, y: number }} ScreenPoint */

/**
 * An element of `tag` holding `text` as text.
 * @param {keyof HTMLElementTagNameMap} tag
 * @param {unknown} text
 * @param {string} [className]
 * @returns {HTMLElement}
 */
export function textElement(tag, text, className) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = String(text ?? '');
    return element;
}

/**
 * A popup whose content is `lines` (strings or elements), each on its own line.
 * @param {string | Node | (string | Node)[]} lines
 * @param {PopupOptions} [options]
 * @returns {Popup}
 */
export function textPopup(lines, options = {}) {
    const box = document.createElement('div');
    box.className = 'map-popup-text';
    for (const line of [lines].flat()) {
        box.append(line instanceof Node ? line : textElement('div', line));
    }
    return new maplibregl.Popup({ closeButton: false, maxWidth: '260px', ...options })
        .setDOMContent(box);
}

/**
 * A pin at {lat, lon}; `draggable` lets the person move it, `colour` tints it, `label` is
 * its accessible name and hover text. Returns the maplibregl.Marker, already on the map.
 * @param {MapLibreMap} map
 * @param {LatLon} at
 * @param {{ draggable?: boolean, colour?: string, label?: string | null, className?: string }}
 *     [options]
 * @returns {Marker}
 */
export function addPin(map, { lat, lon }, { draggable = false, colour = '#d7263d', label,
    className } = {}) {
    const marker = new maplibregl.Marker({ draggable, color: colour, className })
        .setLngLat([lon, lat]).addTo(map);
    if (label) {
        marker.getElement().setAttribute('aria-label', label);
        marker.getElement().title = label;
    }
    return marker;
}

/**
 * Adds (or replaces) the GeoJSON source `id` with `data` and the `layers` drawn from it (each
 * a MapLibre layer without `source`), above the base map's labels of roads but below places.
 * @param {MapLibreMap} map
 * @param {string} id
 * @param {GeoJSON} data
 * @param {SourcelessLayer[]} [layers]
 */
export function setGeoJson(map, id, data, layers = []) {
    /** @type {GeoJSONSource | undefined} */
    const existing = map.getSource(id);
    if (existing) {
        existing.setData(data);
        return;
    }
    map.addSource(id, { type: 'geojson', data });
    for (const layer of layers) map.addLayer({ ...layer, source: id });
}

/**
 * Removes the source `id` and every layer drawn from it.
 * @param {MapLibreMap} map
 * @param {string} id
 */
export function removeGeoJson(map, id) {
    const style = map.getStyle();
    if (!style) return;
    for (const layer of style.layers) {
        if ('source' in layer && layer.source === id) map.removeLayer(layer.id);
    }
    if (map.getSource(id)) map.removeSource(id);
}

/**
 * Shows `text(feature)` beside the pointer over the features of `layerId` (a hover tooltip),
 * and for touch, on a tap. Returns a function that stops it.
 * @param {MapLibreMap} map
 * @param {string} layerId
 * @param {(feature: MapGeoJSONFeature) => string | string[]} text
 * @returns {() => void}
 */
export function hoverText(map, layerId, text) {
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false,
        className: 'map-tooltip', offset: 10 });
    /** @param {MapLayerMouseEvent} event */
    const show = (event) => {
        const feature = event.features?.[0];
        if (!feature) return;
        map.getCanvas().style.cursor = 'pointer';
        const lines = [text(feature)].flat();
        const box = document.createElement('div');
        box.className = 'map-popup-text';
        lines.forEach((line) => box.append(textElement('div', line)));
        popup.setLngLat(event.lngLat).setDOMContent(box).addTo(map);
    };
    const hide = () => {
        map.getCanvas().style.cursor = '';
        popup.remove();
    };
    map.on('mousemove', layerId, show);
    map.on('click', layerId, show);
    map.on('mouseleave', layerId, hide);
    return () => {
        map.off('mousemove', layerId, show);
        map.off('click', layerId, show);
        map.off('mouseleave', layerId, hide);
        popup.remove();
    };
}

/**
 * Draws the base map's own road named `name` highlighted (the snapped road of an accident),
 * from the vector tiles, so it follows the road's real shape; an empty name removes it.
 * @param {MapLibreMap} map
 * @param {string | null | undefined} name
 */
export function highlightRoad(map, name) {
    const id = 'highlight-road';
    /** @type {FilterSpecification} */
    const filter = ['==', ['get', 'name'], name ?? ''];
    if (map.getLayer(id)) {
        map.setFilter(id, filter);
        return;
    }
    map.addLayer({
        id, type: 'line', source: 'osm', 'source-layer': 'road', filter,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#1e6fd9', 'line-opacity': 0.55,
            'line-width': ['interpolate', ['linear'], ['zoom'], 12, 4, 16, 10, 18, 18] },
    }, firstSymbolLayer(map));
}

/**
 * The id of the base map's first label layer, to draw lines and areas below the labels.
 * @param {MapLibreMap} map
 * @returns {string | undefined}
 */
export function firstSymbolLayer(map) {
    return map.getStyle()?.layers.find((layer) => layer.type === 'symbol')?.id;
}

/**
 * Names near a point as the base map draws them: the nearest road other than `roadName` (the
 * cross street) and the nearest named place people know (school, hospital, shop, bus stop…),
 * each with its distance in metres. Reads the rendered tiles, so it needs the map idle there.
 * @param {MapLibreMap} map
 * @param {LatLon} point
 * @param {string | null | undefined} roadName
 * @param {number} [radiusPixels]
 * @returns {{ crossStreet: NamedPlace | null, landmark: NamedPlace | null }}
 */
export function namesNear(map, { lat, lon }, roadName, radiusPixels = 160) {
    const at = map.project([lon, lat]);
    /** @type {[[number, number], [number, number]]} */
    const box = [[at.x - radiusPixels, at.y - radiusPixels],
        [at.x + radiusPixels, at.y + radiusPixels]];
    const features = map.queryRenderedFeatures(box);
    const metresPerPixel = 40075016.686 * Math.cos((lat * Math.PI) / 180)
        / (512 * 2 ** map.getZoom());
    /** @type {NamedPlace | null} */
    let crossStreet = null;
    /** @type {NamedPlace | null} */
    let landmark = null;
    for (const feature of features) {
        const name = feature.properties?.name;
        if (!name || feature.layer?.source !== 'osm') continue;
        const layer = feature.sourceLayer;
        const isRoad = layer === 'road' && feature.properties.class !== 'path';
        const isLandmark = layer === 'poi' && feature.properties.class !== 'bus_stop';
        if (!(isRoad && name !== roadName) && !isLandmark) continue;
        const metres = pixelDistance(map, at, feature.geometry) * metresPerPixel;
        if (isRoad && (!crossStreet || metres < crossStreet.metres)) crossStreet = { name, metres };
        if (isLandmark && (!landmark || metres < landmark.metres)) landmark = { name, metres };
    }
    return { crossStreet, landmark };
}

/**
 * A name the map draws near a point, and how far it is.
 * @typedef {{ name: string, metres: number }} NamedPlace
 */

/**
 * Pixels from `at` to the nearest part of a point or line.
 * @param {MapLibreMap} map
 * @param {ScreenPoint} at
 * @param {Geometry} geometry
 */
function pixelDistance(map, at, geometry) {
    /** @type {Position[][]} */
    const lines = geometry.type === 'Point' ? [[geometry.coordinates]]
        : geometry.type === 'LineString' ? [geometry.coordinates]
            : geometry.type === 'MultiLineString' ? geometry.coordinates : [];
    let best = Infinity;
    for (const line of lines) {
        const points = line.map((c) => map.project([c[0], c[1]]));
        if (points.length === 1) best = Math.min(best, Math.hypot(points[0].x - at.x,
            points[0].y - at.y));
        for (let i = 1; i < points.length; i += 1) {
            best = Math.min(best, segmentDistance(at, points[i - 1], points[i]));
        }
    }
    return best;
}

/**
 * Pixels from `p` to the segment from `a` to `b`.
 * @param {ScreenPoint} p
 * @param {ScreenPoint} a
 * @param {ScreenPoint} b
 */
function segmentDistance(p, a, b) {
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = dx * dx + dy * dy;
    const t = length === 0 ? 0 : Math.max(0, Math.min(1,
        ((p.x - a.x) * dx + (p.y - a.y) * dy) / length));
    return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}
