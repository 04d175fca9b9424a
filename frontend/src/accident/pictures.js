// @ts-check
/**
 * Our own small drawings: a diagram for each situation of the scenario catalogue (the car at
 * fault in orange, the other in blue, where each was going) and the sample silhouette of each
 * photo slot. Drawn as SVG elements here, not files or markup, so they follow the Content-
 * Security-Policy and need no request; a code the table does not know gets a plain road.
 */

import scenes from './scenes.json';

const NS = 'http://www.w3.org/2000/svg';
const FAULT = '#c4610f';
const OTHER = '#1d5fa8';
const ROAD = '#c9ced6';

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attributes]
 * @param {...SVGElement} children
 * @returns {SVGElement}
 */
function svg(tag, attributes = {}, ...children) {
    const element = document.createElementNS(NS, tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
    element.append(...children);
    return element;
}

/** @param {...SVGElement} children */
function picture(...children) {
    return svg('svg', { viewBox: '0 0 80 60', width: 80, height: 60, 'aria-hidden': 'true',
        focusable: 'false', class: 'picture' }, ...children);
}

/**
 * A straight road of two lanes across the picture, parted by a dashed white line.
 * @param {number} width of the line
 * @param {string} dashes the line's dash pattern
 */
function twoLanes(width, dashes) {
    return [svg('rect', { x: 0, y: 15, width: 80, height: 30, fill: ROAD }),
        svg('line', { x1: 0, y1: 30, x2: 80, y2: 30, stroke: '#fff', 'stroke-width': width,
            'stroke-dasharray': dashes })];
}

/** @type {Record<string, () => SVGElement[]>} */
const BACKGROUNDS = {
    // a two-way road: the upper lane runs left, the lower one right (the longer dashes)
    road: () => twoLanes(1.2, '5 4'),
    // two lanes the same way
    lanes: () => twoLanes(1, '3 3'),
    cross: () => [svg('rect', { x: 0, y: 20, width: 80, height: 20, fill: ROAD }),
        svg('rect', { x: 30, y: 0, width: 20, height: 60, fill: ROAD })],
    signal: () => [...BACKGROUNDS.cross(),
        svg('rect', { x: 52, y: 6, width: 6, height: 12, rx: 1, fill: '#333' }),
        svg('circle', { cx: 55, cy: 9, r: 1.8, fill: '#e53935' }),
        svg('circle', { cx: 55, cy: 15, r: 1.8, fill: '#666' })],
    ring: () => [svg('rect', { x: 0, y: 22, width: 80, height: 16, fill: ROAD }),
        svg('circle', { cx: 40, cy: 30, r: 22, fill: ROAD }),
        svg('circle', { cx: 40, cy: 30, r: 9, fill: '#9ccc65' })],
    park: () => [svg('rect', { x: 0, y: 22, width: 80, height: 26, fill: ROAD }),
        svg('rect', { x: 0, y: 12, width: 80, height: 10, fill: '#e1e4e8' }),
        svg('line', { x1: 0, y1: 22, x2: 80, y2: 22, stroke: '#fff', 'stroke-width': 1 })],
};

/**
 * A car seen from above, centred at (x, y), heading `angle` degrees (0 = right).
 * @param {number} x
 * @param {number} y
 * @param {number} angle
 * @param {string} colour
 */
function car(x, y, angle, colour) {
    return svg('g', { transform: `translate(${x} ${y}) rotate(${angle})` },
        svg('rect', { x: -7, y: -3.5, width: 14, height: 7, rx: 2, fill: colour }),
        svg('rect', { x: 2, y: -2.5, width: 3, height: 5, rx: 0.8, fill: '#fff', opacity: 0.7 }));
}

/**
 * A path of the car's movement with an arrow head at its end.
 * @param {number[]} points x0, y0, x1, y1, ...
 * @param {string} colour
 */
function arrow(points, colour) {
    const n = points.length;
    const [x1, y1, x2, y2] = points.slice(n - 4);
    const a = Math.atan2(y2 - y1, x2 - x1);
    const head = [[x2, y2], [x2 - 4 * Math.cos(a - 0.5), y2 - 4 * Math.sin(a - 0.5)],
        [x2 - 4 * Math.cos(a + 0.5), y2 - 4 * Math.sin(a + 0.5)]];
    const line = [];
    for (let i = 0; i < n; i += 2) line.push(`${points[i]},${points[i + 1]}`);
    return svg('g', {},
        svg('polyline', { points: line.join(' '), fill: 'none', stroke: colour,
            'stroke-width': 1.6, 'stroke-dasharray': '3 2' }),
        svg('polygon', { points: head.map((p) => p.map((v) => v.toFixed(1)).join(',')).join(' '),
            fill: colour }));
}

/** @param {number} x @param {number} y */
function impact(x, y) {
    return svg('circle', { cx: x, cy: y, r: 3, fill: 'none', stroke: '#e53935',
        'stroke-width': 1.5 });
}

/**
 * Each situation: the background, the car at fault [x, y, angle] with its path, the other car
 * with its path (paths are x, y pairs and may be absent), and where they meet. Kept as data in
 * scenes.json, a situation a line, so that a drawing is changed where it is read.
 * @typedef {{ bg: string, fault: number[], faultPath?: number[], other: number[],
 *     otherPath?: number[], hit?: number[] }} Scene
 * @type {Record<string, Scene>}
 */
const SCENES = scenes;

/** Which situation each catalogue entry belongs to, as drivers think of them. */
export const SITUATIONS = /** @type {const} */ (['junction', 'lane', 'parking', 'reversing']);

/** @type {Record<string, typeof SITUATIONS[number]>} */
const SITUATION_OF = {
    TURN_NOT_YIELD_STRAIGHT_SIGNAL: 'junction', RIGHT_TURN_ON_RED_NOT_YIELD: 'junction',
    RED_LIGHT: 'junction', UNSIGNALLED_NOT_YIELD_SIGN: 'junction',
    UNSIGNALLED_TURN_NOT_YIELD_STRAIGHT: 'junction', UNSIGNALLED_RIGHT_NOT_YIELD_LEFT: 'junction',
    ROUNDABOUT_ENTRY: 'junction', LANE_ARROW_VIOLATION: 'junction',
    DOOR_OPENING: 'parking', ROLLING_BACK: 'parking', REVERSING: 'reversing',
};

/**
 * The situation group of a catalogue entry ('lane' for what is not listed: driving along).
 * @param {string} code
 */
export function situationOf(code) {
    return SITUATION_OF[code] ?? 'lane';
}

/**
 * The diagram of one catalogue entry.
 * @param {string} code
 */
export function scenarioPicture(code) {
    const scene = SCENES[code] ?? { bg: 'road', fault: [30, 37.5, 0], other: [50, 37.5, 0] };
    /** @type {SVGElement[]} */
    const parts = [...BACKGROUNDS[scene.bg]()];
    if (scene.otherPath) parts.push(arrow(scene.otherPath, OTHER));
    if (scene.faultPath) parts.push(arrow(scene.faultPath, FAULT));
    parts.push(car(scene.other[0], scene.other[1], scene.other[2], OTHER));
    parts.push(car(scene.fault[0], scene.fault[1], scene.fault[2], FAULT));
    if (scene.hit) parts.push(impact(scene.hit[0], scene.hit[1]));
    return picture(...parts);
}

/** The "none of these" card: a question mark on a road. */
export function unknownPicture() {
    return picture(...BACKGROUNDS.road(),
        svg('circle', { cx: 40, cy: 30, r: 11, fill: '#fff', stroke: '#5f6b7a',
            'stroke-width': 1.5 }),
        svg('path', { d: 'M36 27a4 4 0 1 1 6 3.5c-1.5 1-2 1.6-2 3.5', fill: 'none',
            stroke: '#5f6b7a', 'stroke-width': 2, 'stroke-linecap': 'round' }),
        svg('circle', { cx: 40, cy: 37, r: 1.3, fill: '#5f6b7a' }));
}

/** The "nobody is at fault / I did nothing wrong" card: two cars apart. */
export function noFaultPicture() {
    return picture(...BACKGROUNDS.road(), car(24, 37.5, 0, OTHER), car(56, 22.5, 180, OTHER));
}

/**
 * A car outline from behind or the front, the shape of what a photo slot wants.
 * @param {string} kind PANORAMA_FRONT, PANORAMA_REAR, COLLISION_POINT, PLATE
 */
export function slotPicture(kind) {
    const outline = { fill: 'none', stroke: '#5f6b7a', 'stroke-width': 1.6 };
    /** @param {number} x @param {number} y @param {number} s */
    const carBack = (x, y, s) => svg('g', { transform: `translate(${x} ${y}) scale(${s})` },
        svg('path', { d: 'M-14 6v-8l4-8h20l4 8v8z', ...outline }),
        svg('path', { d: 'M-9 -3l2.5-5h13l2.5 5z', ...outline }),
        svg('rect', { x: -5, y: 1, width: 10, height: 3, ...outline }));
    const road = svg('path', { d: 'M20 60L34 22h12l14 38z', fill: '#e1e4e8' });
    if (kind === 'PANORAMA_FRONT' || kind === 'PANORAMA_REAR') {
        return picture(road, svg('line', { x1: 40, y1: 24, x2: 40, y2: 58, stroke: '#fff',
            'stroke-width': 1.2, 'stroke-dasharray': '3 3' }),
        carBack(34, 40, 0.8), carBack(47, 32, 0.55),
        svg('path', { d: kind === 'PANORAMA_FRONT' ? 'M8 8h10M8 8v10' : 'M72 8h-10M72 8v10',
            ...outline }));
    }
    if (kind === 'COLLISION_POINT') {
        return picture(carBack(40, 34, 1.4),
            svg('circle', { cx: 55, cy: 30, r: 7, fill: 'none', stroke: '#e53935',
                'stroke-width': 2 }));
    }
    return picture(svg('rect', { x: 12, y: 18, width: 56, height: 24, rx: 3, fill: '#1d5fa8' }),
        svg('rect', { x: 15, y: 21, width: 50, height: 18, rx: 2, fill: 'none',
            stroke: '#fff', 'stroke-width': 1 }),
        svg('rect', { x: 20, y: 27, width: 6, height: 6, fill: '#fff' }),
        ...[0, 1, 2, 3, 4].map((i) => svg('rect', { x: 31 + i * 6.5, y: 26, width: 4.5,
            height: 8, fill: '#fff' })));
}
