// @ts-check
/**
 * The parent's page (#/child-bus, 孩子的校车): for each household registered with the parent's
 * phone, the stop and the walk to it, the evening and morning lines with their times, and home,
 * the stop, the walk and the school on the map. Names on the map are text, never HTML.
 */
import { h, replaceChildren } from '../dom.js';
import { get } from '../api.js';
import { bindServerMessage, t } from '../i18n.js';
import { createBaseMap, LABEL_FONT, whenStyleLoaded } from '../map/basemap.js';
import { addPin, firstSymbolLayer, hoverText, setGeoJson } from '../map/overlays.js';
import './messages.js';
import { noticeLink } from './print/print-links.js';
import { childNotices, toMinute } from './review/child-notices.js';
/** @import { Feature, Geometry, GeoJsonProperties } from 'geojson' */
/** @import { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl' */
/** @import { ChildBus, LatLon, ServedChildBus } from '../types.js' */

/** @param {HTMLElement} outlet */
export async function childBusView(outlet) {
    /** @type {ChildBus[]} */
    const children = await get('/bus/my-children');
    const section = h('section', { class: 'map-page', id: 'child-bus' },
        h('div', { class: 'map-heading' }, h('h1', { i18n: 'bus.child.title' })));
    replaceChildren(outlet, section);
    if (children.length === 0) {
        section.append(h('p', { class: 'hint', i18n: 'bus.child.none' }));
        return undefined;
    }
    /** @type {MapLibreMap[]} */
    const maps = [];
    for (const child of children) {
        const card = h('div', { class: 'card child-card', dataset: {
            household: child.householdId, status: child.status } },
            h('h2', {}, `${child.label} · ${child.schoolName}`));
        section.append(card);
        if (child.status === 'NO_PLAN') {
            card.append(h('p', { class: 'hint', i18n: 'bus.child.noPlan' }));
            continue;
        }
        if (child.status === 'NOT_IN_PLAN') {
            card.append(h('p', { class: 'hint', i18n: 'bus.child.notInPlan' }));
            continue;
        }
        if (child.status === 'UNSERVED') {
            card.append(h('p', { class: 'form-error' }, h('span', { i18n: 'bus.child.unserved' }),
                bindServerMessage(h('span'), child.unserved?.reasonText ?? '')),
            ...childNotices(child));
            continue;
        }
        const { stop, evening, morning } = child;
        card.append(h('p', { class: 'child-stop', i18n: 'bus.child.stop', i18nParams: {
            name: stop.name, metres: Math.round(child.walkMetres) } }), ...childNotices(child));
        if (evening) {
            card.append(h('p', { class: 'child-evening', i18n: 'bus.child.evening', i18nParams: {
                line: evening.lineName, bus: evening.busLabel, start: toMinute(evening.start),
                arrival: toMinute(evening.arrival) } }));
        }
        if (morning) {
            card.append(h('p', { class: 'child-morning', i18n: 'bus.child.morning', i18nParams: {
                line: morning.lineName, bus: morning.busLabel, arrival: toMinute(morning.arrival),
                end: toMinute(morning.end) } }));
        }
        if (child.morningStop) {
            card.append(h('p', { class: 'child-morning-stop', i18n: 'childNotice.morningStop',
                i18nParams: { name: child.morningStop.name } }));
        }
        // the way from home to the stop in words, beside the path drawn on the map
        const walking = /** @type {{ walking?: string[] }} */ (child).walking ?? [];
        if (walking.length > 0) {
            card.append(h('section', { class: 'child-walk' },
                h('h3', { i18n: 'bus.child.walkTitle' }),
                h('ol', {}, walking.map((step) => h('li', {}, step)))));
        }
        card.append(noticeLink(child.householdId));
        const mapElement = h('div', { class: 'map-full child-map' });
        card.append(mapElement);
        const map = createBaseMap(mapElement, { center: { lat: stop.lat, lon: stop.lon },
            zoom: 16 });
        maps.push(map);
        await whenStyleLoaded(map);
        drawChild(map, child);
    }
    return () => maps.forEach((map) => map.remove());
}

/**
 * [lat, lon] pairs (as the API gives paths) to a GeoJSON line.
 * @param {[number, number][] | null | undefined} path
 * @param {GeoJsonProperties} properties
 * @returns {Feature<Geometry>}
 */
const line = (path, properties) => ({ type: 'Feature', properties,
    geometry: { type: 'LineString', coordinates: (path ?? []).map(([lat, lon]) => [lon, lat]) } });
/**
 * @param {LatLon} at
 * @param {GeoJsonProperties} properties
 * @returns {Feature<Geometry>}
 */
const point = ({ lat, lon }, properties) => ({ type: 'Feature', properties,
    geometry: { type: 'Point', coordinates: [lon, lat] } });

/**
 * The evening line, the walk from home to the stop, home, the stop and the school.
 * @param {MapLibreMap} map
 * @param {ServedChildBus} child
 */
function drawChild(map, child) {
    const { stop, school } = child;
    const features = [line(child.walkPath, { kind: 'walk' })];
    if (child.evening?.path) features.unshift(line(child.evening.path, { kind: 'bus' }));
    // the walk starts at home: the API gives no other position of it to a parent
    const home = child.walkPath?.[0];
    if (home) {
        features.push(point({ lat: home[0], lon: home[1] }, { kind: 'home',
            name: t('basemap.home') }));
    }
    features.push(point(school, { kind: 'school',
        name: `${t('bus.school.marker')} · ${school.name}` }));
    /** @type {(value: string) => ExpressionSpecification} */
    const kind = (value) => ['==', ['get', 'kind'], value];
    setGeoJson(map, 'child', { type: 'FeatureCollection', features });
    const below = firstSymbolLayer(map);
    map.addLayer({ id: 'child-bus', type: 'line', source: 'child', filter: kind('bus'),
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#2e86ab', 'line-width': 4, 'line-opacity': 0.6 } }, below);
    map.addLayer({ id: 'child-walk', type: 'line', source: 'child', filter: kind('walk'),
        paint: { 'line-color': '#444', 'line-width': 2.5, 'line-dasharray': [2, 2] } }, below);
    map.addLayer({ id: 'child-places', type: 'circle', source: 'child',
        filter: ['in', ['get', 'kind'], ['literal', ['home', 'school']]],
        paint: { 'circle-radius': 7, 'circle-color': ['match', ['get', 'kind'], 'home',
            '#f46036', '#333'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
    map.addLayer({ id: 'child-places-label', type: 'symbol', source: 'child',
        filter: ['in', ['get', 'kind'], ['literal', ['home', 'school']]],
        layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 12,
            'text-anchor': 'top', 'text-offset': [0, 0.9] },
        paint: { 'text-color': '#222', 'text-halo-color': '#fff', 'text-halo-width': 2 } });
    hoverText(map, 'child-places', ({ properties }) => properties.name);
    // the stop the child walks to, as a pin with its name always shown beside it
    const marker = addPin(map, stop, { colour: '#1b998b', label: stop.name,
        className: 'child-stop-pin' });
    const name = document.createElement('span');
    name.className = 'map-pin-label';
    name.textContent = stop.name;
    marker.getElement().append(name);
    const bounds = [...(child.walkPath ?? []), [stop.lat, stop.lon]];
    if (bounds.length > 1) {
        const lons = bounds.map((p) => p[1]);
        const lats = bounds.map((p) => p[0]);
        map.fitBounds([[Math.min(...lons), Math.min(...lats)],
            [Math.max(...lons), Math.max(...lats)]], { padding: 48, maxZoom: 17, animate: false });
    }
}
