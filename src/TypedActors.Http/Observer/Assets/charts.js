// Building blocks of the observer page: DOM elements set from text only, number formatting, and the two small SVG
// charts (lines over time, and stacked bars per interval) drawn by hand.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 600, HEIGHT = 150, LEFT = 44, BOTTOM = 16;

export const number = (value) => Number(value).toLocaleString('en-US', { maximumFractionDigits: 1 });

/** An HTML element; children that are not nodes become text, never markup. */
export function element(tag, attributes, ...children) {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') made.className = value;
    else if (name === 'colour') made.style.backgroundColor = value; // CSSOM: the page's policy forbids style attributes
    else if (name.startsWith('on')) made.addEventListener(name.slice(2), value);
    else made.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    made.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return made;
}

export function svg(tag, attributes, ...children) {
  const made = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) made.setAttribute(name, String(value));
  for (const child of children.flat()) if (child) made.append(child);
  return made;
}

const title = (text) => svg('title', {}, document.createTextNode(text));

/** The chart's frame: the base line, and the scale's top and bottom values. */
function frame(label, max, marks) {
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': label },
    svg('line', { class: 'axis', x1: LEFT, y1: HEIGHT - BOTTOM, x2: WIDTH, y2: HEIGHT - BOTTOM }),
    svg('text', { x: 2, y: 12 }, document.createTextNode(number(max))),
    svg('text', { x: 2, y: HEIGHT - BOTTOM }, document.createTextNode('0')),
    ...marks);
}

const scale = (max) => (value) => HEIGHT - BOTTOM - value * (HEIGHT - BOTTOM - 8) / max;

/** One line per series over the points of `history` (maps from series to value), the newest at the right of `slots`. */
export function lineChart(label, history, series, colourOf, slots) {
  const max = Math.max(1, ...history.flatMap((point) => series.map((name) => point.get(name) || 0)));
  const x = (i) => LEFT + (i + slots - history.length) * (WIDTH - LEFT - 4) / (slots - 1);
  const y = scale(max);
  return frame(label, max, series.map((name) => svg('polyline', {
    fill: 'none', stroke: colourOf(name), 'stroke-width': 2, 'data-series': name,
    points: history.map((point, i) => `${x(i).toFixed(1)},${y(point.get(name) || 0).toFixed(1)}`).join(' '),
  }, title(name))));
}

/** One stacked bar per point of `history` (maps from series to value), the newest at the right of `slots`. */
export function stackedBars(label, history, colourOf, slots) {
  const max = Math.max(1, ...history.map((point) => [...point.values()].reduce((sum, value) => sum + value, 0)));
  const slot = (WIDTH - LEFT - 4) / slots;
  const y = scale(max);
  const bars = [];
  history.forEach((point, i) => {
    let top = HEIGHT - BOTTOM;
    const x = LEFT + (i + slots - history.length) * slot;
    for (const [name, value] of point) {
      const height = (HEIGHT - BOTTOM) - y(value);
      top -= height;
      bars.push(svg('rect', {
        x: x.toFixed(1), y: top.toFixed(1), width: Math.max(1, slot - 1).toFixed(1), height: height.toFixed(1),
        fill: colourOf(name), 'data-reason': name, 'data-count': value, 'data-testid': 'dead-bar',
      }, title(`${name}: ${value}`)));
    }
  });
  return frame(label, max, bars);
}

/** A legend: a coloured swatch and a name per entry. */
export const legend = (names, colourOf) => element('div', { class: 'legend' }, names.map((name) =>
  element('span', {}, element('span', { class: 'swatch', colour: colourOf(name) }), name)));
