/**
 * Draws a bus plan on a Leaflet map: the lines of one run coloured per bus, the stops, the
 * households (grey) and those without a bus (red, with the reason), and the school.
 */
import L from 'leaflet';
import { localizeServerMessage, t } from '../i18n.js';

/** Distinct colours for up to a dozen buses, then they repeat. */
export const LINE_COLOURS = ['#d7263d', '#1b998b', '#2e86ab', '#f46036', '#6a4c93', '#c5283d',
    '#3d9970', '#ff851b', '#0074d9', '#b10dc9', '#85144b', '#39cccc'];

export function lineColour(number) {
    return LINE_COLOURS[(number - 1) % LINE_COLOURS.length];
}

/** Adds the plan's layers for `run` ('evening' | 'morning'); returns the layer group. */
export function addPlanLayers(map, plan, run) {
    const group = L.layerGroup().addTo(map);
    for (const household of plan.households) {
        if (!household.stopId) continue;
        L.polyline(household.walkPath, { color: '#777', weight: 1.5, dashArray: '3 4' })
            .addTo(group);
        L.circleMarker([household.lat, household.lon], {
            radius: 3, color: '#555', weight: 1, fillOpacity: 0.6,
        }).bindTooltip(`${household.label} · ${t('bus.walk', {
            metres: Math.round(household.walkMetres),
        })}`).addTo(group);
    }
    for (const line of plan[run].lines) {
        L.polyline(line.path.geometry, { color: lineColour(line.number), weight: 5, opacity: 0.85 })
            .bindTooltip(`${line.name} · ${line.busLabel}`)
            .addTo(group);
    }
    const lineOfStop = new Map();
    for (const line of plan[run].lines) {
        for (const stop of line.stops) lineOfStop.set(stop.stopId, { line, stop });
    }
    for (const stop of plan.stops) {
        const at = lineOfStop.get(stop.id);
        if (!at) continue;
        L.circleMarker([stop.lat, stop.lon], {
            radius: 6, color: '#fff', weight: 2, fillColor: lineColour(at.line.number),
            fillOpacity: 1,
        }).bindTooltip(`${stop.name} · ${at.line.name} · ${at.stop.arrival}`)
            .addTo(group);
    }
    for (const unserved of plan.unserved) {
        L.circleMarker([unserved.lat, unserved.lon], {
            radius: 6, color: '#b00020', weight: 2, fillColor: '#ff4d4f', fillOpacity: 0.9,
        }).bindPopup(`<strong>${escapeHtml(unserved.label)}</strong><br>`
            + escapeHtml(localizeServerMessage(unserved.reasonText)))
            .addTo(group);
    }
    L.marker([plan.schoolLat, plan.schoolLon], { title: plan.schoolName })
        .bindTooltip(`${t('bus.school.marker')} · ${plan.schoolName}`)
        .addTo(group);
    return group;
}

export function escapeHtml(text) {
    return String(text ?? '').replace(/[&<>"']/g, (c) => ({
        '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
    })[c]);
}
