/**
 * The parent's page (#/child-bus, 孩子的校车): for each household registered with the parent's
 * phone, the stop and the walk to it, the evening and morning lines with their times, and the
 * stop on the map.
 */
import L from 'leaflet';
import { h, replaceChildren } from '../dom.js';
import { get } from '../api.js';
import { bindServerMessage, t } from '../i18n.js';
import { mountMap } from '../map/basemap.js';
import './strings.js';

export async function childBusView(outlet) {
    const children = await get('/bus/my-children');
    const section = h('section', { class: 'map-page', id: 'child-bus' },
        h('div', { class: 'map-heading' }, h('h1', { i18n: 'bus.child.title' })));
    replaceChildren(outlet, section);
    if (children.length === 0) {
        section.append(h('p', { class: 'hint', i18n: 'bus.child.none' }));
        return undefined;
    }
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
                bindServerMessage(h('span'), child.unserved?.reasonText ?? '')));
            continue;
        }
        const { stop, evening, morning } = child;
        card.append(h('p', { class: 'child-stop', i18n: 'bus.child.stop', i18nParams: {
            name: stop.name, metres: Math.round(child.walkMetres) } }));
        if (evening) {
            card.append(h('p', { class: 'child-evening', i18n: 'bus.child.evening', i18nParams: {
                line: evening.lineName, bus: evening.busLabel, start: evening.start,
                arrival: evening.arrival } }));
        }
        if (morning) {
            card.append(h('p', { class: 'child-morning', i18n: 'bus.child.morning', i18nParams: {
                line: morning.lineName, bus: morning.busLabel, arrival: morning.arrival,
                end: morning.end } }));
        }
        const mapElement = h('div', { class: 'map-full child-map' });
        card.append(mapElement);
        const map = await mountMap(mapElement, { center: { lat: stop.lat, lon: stop.lon },
            zoom: 16 });
        maps.push(map);
        if (evening?.path) {
            L.polyline(evening.path, { color: '#2e86ab', weight: 4, opacity: 0.6 }).addTo(map);
        }
        L.polyline(child.walkPath, { color: '#555', weight: 2, dashArray: '4 4' }).addTo(map);
        L.marker([stop.lat, stop.lon]).bindTooltip(stop.name, { permanent: true }).addTo(map);
        L.circleMarker([child.school.lat, child.school.lon], { radius: 7, color: '#333' })
            .bindTooltip(`${t('bus.school.marker')} · ${child.school.name}`).addTo(map);
    }
    return () => maps.forEach((map) => map.remove());
}
