// @ts-check
/**
 * What the parties' page shows of the police desk, kept apart from the page itself: what an
 * officer asked for (a photo to retake, a detail, a statement) with its uploads, the
 * determination with its download and the review request, and why a flagged case waits for the
 * police before signing.
 */
import { h } from '../dom.js';
import { post } from '../api.js';
import { describe } from '../forms.js';
import { t } from '../i18n.js';
import { bilingual, blobUrl, uploadPhoto } from './common.js';
/** @import { CaseView } from '../types.js' */

/**
 * @param {CaseView} view
 * @param {string} id
 * @param {(next: CaseView) => void} apply
 */
export function sendBackSection(view, id, apply) {
    const request = view.sendBack;
    if (!request) return null;
    const error = h('p', { class: 'form-error', hidden: true, role: 'alert' });
    const byName = Object.fromEntries(view.photos.map((s) => [s.slot, s]));
    return h('section', { class: 'card notice', id: 'send-back' },
        h('h2', { i18n: 'party.sendBack.title' }),
        request.note && h('p', { id: 'send-back-note' }, request.note),
        h('ul', { class: 'plain' }, request.items.map((item) => {
            if (item.kind === 'PHOTO') {
                const slot = byName[item.target];
                const input = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/heic',
                    capture: 'environment', dataset: { slot: item.target, resend: 'true' } });
                input.addEventListener('change', async () => {
                    const file = /** @type {FileList} */ (input.files)[0];
                    if (!file) return;
                    try {
                        apply((await uploadPhoto(id, item.target, file, crypto.randomUUID())).case);
                    } catch (failure) {
                        describe(error, failure);
                        error.hidden = false;
                    }
                });
                return h('li', { class: 'slot', dataset: { item: 'PHOTO', slot: item.target,
                    done: String(item.done) } },
                    h('strong', { i18n: `accident.slot.${slot?.kind ?? 'COLLISION'}`,
                        i18nParams: { plate: slot?.plate ?? '' } }), ' ',
                    item.done ? h('small', { i18n: 'party.sendBack.done' }) : input);
            }
            const text = item.kind === 'FIELD'
                ? t('police.sendBack.itemField', { party: item.party ?? '',
                    field: t(`police.field.${item.target}`) })
                : t('police.sendBack.itemStatement', { party: item.target });
            return h('li', { dataset: { item: item.kind, done: String(item.done) } }, text, ' ',
                item.done && h('small', { i18n: 'party.sendBack.done' }));
        })),
        error,
        h('p', { class: 'hint', i18n: 'party.sendBack.wait' }));
}

/**
 * @param {CaseView} view
 * @param {string} id
 * @param {boolean} mayReview
 * @param {(next: CaseView) => void} apply
 */
export function determinationSection(view, id, mayReview, apply) {
    const d = view.determination;
    if (!d) return null;
    const download = h('button', { type: 'button', class: 'primary', id: 'determination-pdf',
        i18n: 'police.determination.download', onclick: async () => {
            const url = await blobUrl(`/accidents/${id}/determination.pdf`);
            const a = h('a', { href: url, download: 'determination.pdf', hidden: true });
            document.body.append(a);
            a.click();
            a.remove();
        } });
    const until = view.reviewUntil ? new Date(view.reviewUntil).toLocaleString('zh-CN',
        { hour12: false }) : '';
    return h('section', { class: 'card', id: 'determination',
        dataset: { code: d.verificationCode } },
        h('h2', { i18n: 'party.determination.title' }),
        h('ul', { class: 'plain' }, d.content.parties.map((p) => h('li', {
            dataset: { label: p.label, grade: p.grade } }, `${p.label} · `,
            h('strong', { i18n: `accident.grade.${p.grade}` })))),
        // the code as printed on the document, to be typed on the verify page
        h('p', { i18n: 'party.determination.code', i18nParams: { code: d.verificationCode },
            dataset: { verbatim: '' } }),
        download,
        view.reviewRequestedAt && view.state !== 'DECIDED'
            && h('p', { class: 'notice', id: 'review-asked', i18n: 'party.review.asked' }),
        mayReview && h('p', { class: 'hint', i18n: 'party.review.hint',
            i18nParams: { until } }),
        mayReview && h('button', { type: 'button', class: 'secondary', id: 'request-review',
            i18n: 'party.review.ask', onclick: async () => {
                apply(await post(`/accidents/${id}/review-request`, { version: view.version }));
            } }));
}

/** @param {CaseView} view */
export function heldSection(view) {
    return h('section', { class: 'card notice', id: 'settlement-held' },
        h('h2', { i18n: 'party.held.title' }),
        h('p', { i18n: 'party.held.why' }),
        h('ul', {}, heldReasons(view.flags).map(([text, photos]) => h('li', {}, text,
            photos > 1 ? t('party.held.photos', { n: String(photos) }) : ''))));
}

/**
 * Each warning once, with how many photos it is about: five photos without a time are one line
 * (照片没有拍摄时间（5 张照片）), not the same words five times.
 * @param {(import('../types.js').Bilingual & { slot?: string })[]} flags a photo's flag names
 *     its slot
 * @returns {[string, number][]}
 */
function heldReasons(flags) {
    /** @type {Map<string, number>} */
    const counts = new Map();
    for (const f of flags) {
        const text = bilingual(f);
        counts.set(text, (counts.get(text) ?? 0) + (f.slot ? 1 : 0));
    }
    return [...counts];
}
