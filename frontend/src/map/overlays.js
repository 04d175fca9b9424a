// @ts-check
/**
 * What pages draw on the base map: pins, GeoJSON layers, a road highlighted, and popups made of
 * text nodes only. Labels come from people (household labels, bus labels, school names), so
 * nothing here ever parses a string as HTML.
 */
import { maplibregl } from './basemap.js';
/** @import { GeoJSON } from 'geojson' */
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

