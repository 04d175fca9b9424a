// @ts-check
/**
 * #/insight: the one traffic map (交通一张图) for police and admins. Road segments coloured by
 * their accident count over a period and time of day, with layers of open cases, repeated
 * reports avoided and school buses; beside it the segment ranking (CSV export) and, on a click,
 * the segment's cases.
 */
import { Popup } from 'maplibre-gl';
import { h, replaceChildren } from '../dom.js';
import { get, withQuery } from '../api.js';
import { bindText, language, onLanguageChange, t } from '../i18n.js';
import { describe } from '../forms.js';
import { createBaseMap, whenStyleLoaded } from '../map/basemap.js';
import { downloadCsv, toCsv } from './csv.js';
import { periodControls, periodQuery } from './period.js';
import './insight.css';
import './messages.js';
/** @import { Feature, FeatureCollection, GeoJSON, LineString, Point } from 'geojson' */
/**
 * @import { ExpressionSpecification, GeoJSONSource, LngLatBoundsLike, Map as MapLibreMap,
 *     MapLayerMouseEvent } from 'maplibre-gl'
 */
/**
 * @import { BusFeatureProperties, HotSegment, Hotspots, InsightBands, MapInfo, OpenCase,
 *     OpenCases, RepeatedCase, RepeatedCases, RouteContext, SegmentCases } from '../types.js'
 */

/** @typedef {keyof typeof LAYERS} LayerGroup */

/**
 * An open case's colour by its state (a MapLibre expression on the feature's `state`).
 * @type {ExpressionSpecification}
 */
const STATE_COLOUR = ['match', ['get', 'state'],
    'DRAFT', '#9e9e9e', 'EVIDENCE', '#42a5f5', 'PARTIES', '#26a69a', 'LIABILITY', '#7e57c2',
    'AGREED', '#66bb6a', 'POLICE_REVIEW', '#ef5350', 'DECIDED', '#ffa726',
    '#616161'];
/** The map's layers by the toggle that shows them. */
const LAYERS = {
    hot: ['hot-segments-casing', 'hot-segments'],
    open: ['open-cases'],
    duplicates: ['duplicates'],
    bus: ['bus-lines', 'bus-stops', 'bus-schools'],
};
// Object.keys is string[] by design (an object may have more keys than its type names)
const LAYER_GROUPS = /** @type {LayerGroup[]} */ (Object.keys(LAYERS));

/**
 * @param {HTMLElement} outlet
 * @param {RouteContext} context
 */
export async function insightMapView(outlet, { query }) {
    /** @type {[MapInfo, InsightBands]} */
    const [info, bandList] = await Promise.all([get('/map/info'), get('/insight/bands')]);
    const mapElement = h('div', { class: 'insight-map', id: 'insight-map' });
    const ranking = h('div', { class: 'insight-ranking', id: 'insight-ranking' });
    const cases = h('div', { class: 'insight-cases', id: 'segment-cases', hidden: true });
    const status = h('p', { class: 'hint', id: 'insight-range', role: 'status' });
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const controls = periodControls(bandList, query, { withBand: true, onApply: () => load() });
    const toggles = h('fieldset', { class: 'insight-layers' },
        h('legend', { i18n: 'insight.layers' }),
        LAYER_GROUPS.map((layer) => h('label', {},
            h('input', { type: 'checkbox', name: layer, checked: true,
                onchange: (/** @type {Event & { currentTarget: HTMLInputElement }} */ e) =>
                    showLayer(layer, e.currentTarget.checked) }),
            h('span', { i18n: `insight.layer.${layer}` }))));

    replaceChildren(outlet, h('div', { class: 'insight', id: 'insight' },
        h('div', { class: 'insight-head' },
            h('h1', { i18n: 'insight.map.title' }),
            h('a', { href: '#/insight/dashboard', i18n: 'insight.map.toDashboard' })),
        controls.element, toggles, status, error,
        h('div', { class: 'insight-body' },
            h('div', { class: 'insight-map-wrap' }, mapElement,
                h('p', { class: 'insight-legend' }, h('span', { class: 'heat-scale' }),
                    h('span', { i18n: 'insight.legend.hot' }))),
            h('aside', { class: 'insight-side' }, cases, ranking))));

    const map = createBaseMap(mapElement, { center: info.center, zoom: 13, interactive: true });
    await whenStyleLoaded(map);
    // browser tests reach the map through its element
    Object.assign(mapElement, { insightMap: map });
    addLayers(map);
    /** @type {{ hot: Hotspots, query: Record<string, string> } | null} */
    let current = null;

    /** Shows the segment on the map and its cases beside it. @param {HotSegment} segment */
    const pick = (segment) => {
        map.fitBounds(bounds(segment.geometry.coordinates), { padding: 80, maxZoom: 16 });
        showCases(segment.edgeId);
    };

    /**
     * @param {LayerGroup} layer
     * @param {boolean} visible
     */
    function showLayer(layer, visible) {
        for (const id of LAYERS[layer]) {
            map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
        }
    }

    async function load() {
        const q = periodQuery(controls.values());
        mapElement.dataset.hot = 'loading';
        error.hidden = true;
        try {
            /**
             * @type {[Hotspots, OpenCases, RepeatedCases,
             *     FeatureCollection<Point | LineString, BusFeatureProperties>]}
             */
            const [hot, open, duplicates, bus] = await Promise.all([
                get(withQuery('/insight/hotspots', { ...q, limit: 500 })),
                get('/insight/open-cases'),
                get(withQuery('/insight/duplicates', q)),
                get('/insight/bus')]);
            current = { hot, query: q };
            const max = Math.max(1, ...hot.segments.map((s) => s.count));
            setData(map, 'hot', { type: 'FeatureCollection',
                features: hot.segments.map((s) => ({ type: 'Feature', geometry: s.geometry,
                    properties: { edgeId: s.edgeId, count: s.count, heat: s.count / max,
                        roadName: s.roadName } })) });
            setData(map, 'open', { type: 'FeatureCollection',
                features: open.cases.map((c) => point(c.lat, c.lon, c)) });
            setData(map, 'duplicates', { type: 'FeatureCollection',
                features: duplicates.cases.map((c) => point(c.lat, c.lon, c)) });
            setData(map, 'bus', bus);
            bindText(status, 'insight.range', { from: hot.period.from, to: hot.period.to,
                days: hot.previousPeriod.days, previousFrom: hot.previousPeriod.from,
                previousTo: hot.previousPeriod.to });
            drawRanking(ranking, hot, pick);
            cases.hidden = true;
            mapElement.dataset.hotCount = String(hot.segments.length);
            mapElement.dataset.hot = 'loaded';
        } catch (failure) {
            mapElement.dataset.hot = 'failed';
            describe(error, failure);
            error.hidden = false;
        }
    }

    /** @param {number} edgeId */
    async function showCases(edgeId) {
        if (!current) return;
        /** @type {SegmentCases} */
        const answer = await get(withQuery(`/insight/segments/${edgeId}/cases`, current.query));
        const road = answer.segment.roadName || t('insight.unnamedRoad');
        replaceChildren(cases,
            h('div', { class: 'insight-cases-head' },
                h('h2', { i18n: 'insight.segment.cases', i18nParams: { road } }),
                h('button', { type: 'button', class: 'link-button', i18n: 'insight.segment.close',
                    onclick: () => { cases.hidden = true; } })),
            h('table', { class: 'insight-table' },
                h('thead', {}, h('tr', {}, ['caseNo', 'time', 'state'].map((c) =>
                    h('th', { i18n: `insight.segment.${c}` })))),
                h('tbody', {}, answer.cases.map((c) => h('tr', { dataset: { caseId: c.caseId } },
                    h('td', {}, h('a', { href: `#/police/accidents/${c.caseId}` }, c.caseNo)),
                    h('td', {}, localTime(c.occurredAt)),
                    h('td', { i18n: `insight.state.${c.state}` }))))));
        cases.dataset.edgeId = String(edgeId);
        cases.hidden = false;
    }

    map.on('click', 'hot-segments', (e) => {
        const edgeId = e.features?.[0]?.properties.edgeId;
        if (typeof edgeId === 'number') showCases(edgeId);
    });
    for (const layer of ['hot-segments', 'open-cases', 'duplicates', 'bus-stops', 'bus-schools',
        'bus-lines']) {
        map.on('mouseenter', layer, () => { map.getCanvas().style.cursor = 'pointer'; });
        map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; });
    }
    map.on('click', 'open-cases', (e) => popup(map, e,
        (/** @type {OpenCase} */ p) => `${p.caseNo} · ${t(`insight.state.${p.state}`)}`));
    map.on('click', 'duplicates', (e) => popup(map, e,
        (/** @type {RepeatedCase} */ p) => t('insight.duplicates.popup',
            { caseNo: p.caseNo, joined: p.joined, offered: p.offered })));
    map.on('click', 'bus-schools', (e) => popup(map, e,
        (/** @type {BusFeatureProperties & { kind: 'school' }} */ p) => t('insight.bus.school',
            { name: p.name })));
    map.on('click', 'bus-stops', (e) => popup(map, e,
        (/** @type {BusFeatureProperties & { kind: 'stop' }} */ p) => t('insight.bus.stop',
            { name: p.name, school: p.school })));
    map.on('click', 'bus-lines', (e) => popup(map, e,
        (/** @type {BusFeatureProperties & { kind: 'line' }} */ p) => t('insight.bus.line',
            { school: p.school, name: p.name, students: p.students })));

    const stopLanguage = onLanguageChange(() => current && drawRanking(ranking, current.hot,
        pick));
    await load();
    return () => {
        stopLanguage();
        controls.stop();
        map.remove();
    };
}

/** @param {MapLibreMap} map */
function addLayers(map) {
    /** @type {FeatureCollection} */
    const empty = { type: 'FeatureCollection', features: [] };
    for (const source of ['hot', 'open', 'duplicates', 'bus']) {
        map.addSource(source, { type: 'geojson', data: empty });
    }
    map.addLayer({ id: 'bus-lines', type: 'line', source: 'bus',
        filter: ['==', ['get', 'kind'], 'line'],
        paint: { 'line-color': '#1d5fa8', 'line-width': 3, 'line-opacity': 0.6,
            'line-dasharray': [2, 1] } });
    map.addLayer({ id: 'hot-segments-casing', type: 'line', source: 'hot',
        layout: { 'line-cap': 'round' },
        paint: { 'line-color': '#5a0010', 'line-width': ['interpolate', ['linear'], ['get', 'heat'],
            0, 6, 1, 12], 'line-opacity': 0.5 } });
    map.addLayer({ id: 'hot-segments', type: 'line', source: 'hot',
        layout: { 'line-cap': 'round' },
        paint: {
            'line-color': ['interpolate', ['linear'], ['get', 'heat'],
                0, '#fecc5c', 0.5, '#fd8d3c', 1, '#bd0026'],
            'line-width': ['interpolate', ['linear'], ['get', 'heat'], 0, 4, 1, 9],
        } });
    map.addLayer({ id: 'bus-stops', type: 'circle', source: 'bus',
        filter: ['==', ['get', 'kind'], 'stop'],
        paint: { 'circle-radius': 4, 'circle-color': '#ffffff', 'circle-stroke-color': '#1d5fa8',
            'circle-stroke-width': 2 } });
    map.addLayer({ id: 'bus-schools', type: 'circle', source: 'bus',
        filter: ['==', ['get', 'kind'], 'school'],
        paint: { 'circle-radius': 8, 'circle-color': '#1d5fa8', 'circle-stroke-color': '#ffffff',
            'circle-stroke-width': 2 } });
    map.addLayer({ id: 'open-cases', type: 'circle', source: 'open',
        paint: { 'circle-radius': 5, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1,
            'circle-color': STATE_COLOUR } });
    map.addLayer({ id: 'duplicates', type: 'circle', source: 'duplicates',
        paint: { 'circle-radius': ['+', 5, ['*', 2, ['get', 'joined']]], 'circle-opacity': 0.7,
            'circle-color': '#8e24aa', 'circle-stroke-color': '#ffffff',
            'circle-stroke-width': 1 } });
}

/**
 * The ranking beside the map; a click on a row picks its segment.
 * @param {HTMLElement} element
 * @param {Hotspots} hot
 * @param {(segment: HotSegment) => void} onPick
 */
function drawRanking(element, hot, onPick) {
    const rows = hot.segments.map((s) => ({ s, metres: Math.round(length(s.geometry.coordinates)),
        mid: middle(s.geometry.coordinates) }));
    const exportCsv = () => downloadCsv(`路段排名-${hot.period.from}-${hot.period.to}.csv`, toCsv(
        [t('insight.ranking.rank'), t('insight.ranking.road'), t('insight.ranking.segment'),
            t('insight.csv.midLat'), t('insight.csv.midLon'), t('insight.csv.wayId'),
            t('insight.ranking.count'), t('insight.ranking.previous'),
            t('insight.ranking.change')],
        rows.map(({ s, metres, mid }) => [s.rank, s.roadName || t('insight.unnamedRoad'),
            t('insight.segment.length', { m: metres }), mid[1], mid[0], s.wayId, s.count,
            s.previousCount, signed(s.change)])));
    replaceChildren(element,
        h('div', { class: 'insight-cases-head' },
            h('h2', { i18n: 'insight.ranking.title' }),
            h('button', { type: 'button', id: 'ranking-csv', i18n: 'insight.export',
                onclick: exportCsv })),
        h('p', { class: 'hint', i18n: 'insight.ranking.totals', i18nParams: { total: hot.total,
            previous: hot.previousTotal, offRoad: hot.offRoad } }),
        rows.length === 0 ? h('p', { class: 'hint', i18n: 'insight.ranking.none' })
            : h('table', { class: 'insight-table' },
                h('thead', {}, h('tr', {}, ['rank', 'road', 'segment', 'count', 'change'].map(
                    (c) => h('th', { i18n: `insight.ranking.${c}` })))),
                h('tbody', {}, rows.slice(0, 100).map(({ s, metres }) => h('tr', {
                    class: 'ranking-row', dataset: { edgeId: String(s.edgeId) },
                    onclick: () => onPick(s) },
                h('td', {}, String(s.rank)),
                h('td', {}, s.roadName || t('insight.unnamedRoad')),
                h('td', { i18n: 'insight.segment.length', i18nParams: { m: metres } }),
                h('td', {}, String(s.count)),
                h('td', { class: s.change > 0 ? 'up' : s.change < 0 ? 'down' : '' },
                    signed(s.change)))))));
}

/**
 * A popup with the text of the clicked feature (text, never markup).
 * @template {object} P the properties the layer's features were made with
 * @param {MapLibreMap} map
 * @param {MapLayerMouseEvent} event
 * @param {(properties: P) => string} text
 */
function popup(map, event, text) {
    const properties = event.features?.[0]?.properties;
    if (!properties) return;
    // MapLibre hands a feature's properties back untyped; this layer's features were made from P
    new Popup({ closeButton: true }).setLngLat(event.lngLat)
        .setText(text(/** @type {P} */ (properties))).addTo(map);
}

/**
 * @param {MapLibreMap} map
 * @param {string} id a GeoJSON source of the map
 * @param {GeoJSON} data
 */
function setData(map, id, data) {
    /** @type {GeoJSONSource | undefined} */
    const source = map.getSource(id);
    source?.setData(data);
}

/**
 * @template {object} P
 * @param {number} lat
 * @param {number} lon
 * @param {P} properties
 * @returns {Feature<Point, P>}
 */
function point(lat, lon, properties) {
    return { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties };
}

/** @param {number} n */
function signed(n) {
    return n > 0 ? `+${n}` : String(n);
}

/** @param {string} iso */
function localTime(iso) {
    return new Date(iso).toLocaleString(language() === 'en' ? 'en-GB' : 'zh-CN',
        { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });
}

/**
 * @param {[number, number][]} coordinates
 * @returns {LngLatBoundsLike}
 */
function bounds(coordinates) {
    const lons = coordinates.map((c) => c[0]);
    const lats = coordinates.map((c) => c[1]);
    return [[Math.min(...lons), Math.min(...lats)], [Math.max(...lons), Math.max(...lats)]];
}

/**
 * Metres along a GeoJSON line (equirectangular: segments are short).
 * @param {[number, number][]} coordinates
 */
function length(coordinates) {
    let metres = 0;
    for (let i = 1; i < coordinates.length; i++) {
        const [lon0, lat0] = coordinates[i - 1];
        const [lon1, lat1] = coordinates[i];
        const x = (lon1 - lon0) * Math.cos(((lat0 + lat1) / 2) * Math.PI / 180);
        metres += Math.hypot(x, lat1 - lat0) * 111_195;
    }
    return metres;
}

/**
 * The middle of a GeoJSON line, [lon, lat], to a micro-degree.
 * @param {[number, number][]} coordinates
 * @returns {[number, number]}
 */
function middle(coordinates) {
    const c = coordinates[Math.floor(coordinates.length / 2)];
    if (coordinates.length % 2 === 1) return c;
    const b = coordinates[coordinates.length / 2 - 1];
    /** @param {number} v */
    const micro = (v) => Math.round(v * 1e6) / 1e6;
    return [micro((b[0] + c[0]) / 2), micro((b[1] + c[1]) / 2)];
}
