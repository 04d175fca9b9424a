// @ts-check
/**
 * What the parent's page says beyond the stop and times (孩子的校车): a clear warning for each
 * run the child has no seat on, and today's changes when a plan was published today over an
 * earlier one — the stop, bus and time before and after.
 */
import { h } from '../../dom.js';
import { bindServerMessage } from '../../i18n.js';
import './messages.js';

/**
 * @typedef {{ seat: boolean, stop?: string, line?: string, bus?: string, arrival?: string }} ChildPlace
 * @typedef {{ run: 'evening' | 'morning', publishedAt: string, before: ChildPlace,
 *     after: ChildPlace }} ChildChange
 * @typedef {{ noSeat?: { run: 'evening' | 'morning', reasonText: string | null }[],
 *     changes?: ChildChange[] }} ChildNotices
 */

/** 'HH:mm:ss' to the minute, as the page shows times. */
export const toMinute = (/** @type {string | null | undefined} */ time) => (time ?? '').slice(0, 5);

/**
 * @param {ChildNotices} child
 * @returns {HTMLElement[]}
 */
export function childNotices(child) {
    /** @type {HTMLElement[]} */
    const out = [];
    for (const missing of child.noSeat ?? []) {
        out.push(h('p', { class: 'form-error child-no-seat', role: 'alert',
            dataset: { run: missing.run } },
        h('span', { i18n: `childNotice.noSeat.${missing.run}` }),
        missing.reasonText ? bindServerMessage(h('span'), missing.reasonText) : null));
    }
    const changes = child.changes ?? [];
    if (changes.length > 0) {
        out.push(h('div', { class: 'notice child-changes', role: 'status' },
            h('strong', { i18n: 'childNotice.changesTitle' }),
            h('ul', {}, changes.map((change) => h('li', { dataset: { run: change.run } },
                h('span', { i18n: `childNotice.run.${change.run}` }), '：',
                describePlace(change.before), ' → ', describePlace(change.after))))));
    }
    return out;
}

/** @param {ChildPlace} place */
function describePlace(place) {
    if (!place.seat) return h('span', { i18n: 'childNotice.noSeatShort' });
    return h('span', { i18n: 'childNotice.place', i18nParams: { stop: place.stop ?? '',
        bus: place.bus ?? '', time: toMinute(place.arrival) } });
}
