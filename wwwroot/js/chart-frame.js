// The mapping between the picture on screen, its own pixels (those of the layout) and dates.

const DAY = 86400000;

export const isoDay = (time) => new Date(Math.round(time / DAY) * DAY).toISOString().slice(0, 10);
export const timeOf = (iso) => Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
export const addDays = (iso, days) => isoDay(timeOf(iso) + days * DAY);

export class ChartFrame {
  constructor(chart, layout, requested) {
    this.chart = chart;
    this.layout = layout;
    this.requested = requested;
    this.min = layout.xMin ? timeOf(layout.xMin) : null;
    this.max = layout.xMax ? timeOf(layout.xMax) : null;
  }

  /** Calendar time on the x axis: the event-time view has trading days instead. */
  get isTime() { return this.min !== null && this.max > this.min; }

  get from() { return isoDay(this.min); }

  get to() { return isoDay(this.max); }

  /** CSS pixels of the element per pixel of the picture. */
  get scale() { return (this.chart.clientWidth || this.requested.width) / this.requested.width; }

  /** The picture's x column of a date (clamped to the data area). */
  pictureX(iso) {
    const { left, width } = this.layout.dataRect;
    const t = Math.min(this.max, Math.max(this.min, timeOf(iso)));
    return left + ((t - this.min) / (this.max - this.min)) * width;
  }

  /** The x of a date in CSS pixels from the element's left edge. */
  cssX(iso) { return this.pictureX(iso) * this.scale; }

  /** The time under a pointer, or null outside the data area (unless clamped). */
  timeAt(clientX, clamp = false) {
    if (!this.isTime) return null;
    const x = (clientX - this.chart.getBoundingClientRect().left) / this.scale;
    const { left, width } = this.layout.dataRect;
    if (!clamp && (x < left || x > left + width)) return null;
    const fraction = Math.min(1, Math.max(0, (x - left) / width));
    return this.min + fraction * (this.max - this.min);
  }

  dateAt(clientX, clamp = false) {
    const time = this.timeAt(clientX, clamp);
    return time === null ? null : isoDay(time);
  }

  /** The data area in CSS pixels relative to the element. */
  get dataBox() {
    const { left, top, width, height } = this.layout.dataRect;
    const s = this.scale;
    return { left: left * s, top: top * s, width: width * s, height: height * s };
  }
}

/**
 * The picture size for a chart element: its width, and a height that suits a phone (taller) or a desktop, no taller
 * than the room the window leaves below the element's top, so the whole chart shows without scrolling.
 */
export function chartSize(element, room = Infinity) {
  const width = Math.max(320, Math.min(2000, Math.round(element.clientWidth || 1200)));
  const natural = width * (width < 600 ? 0.9 : 0.5);
  const height = Math.max(240, Math.min(700, Math.round(Math.min(natural, room))));
  return { width, height };
}

/** The picture size for a chart element that leaves `below` pixels of the window under it, as the page opens. */
export function fitToWindow(element, below) {
  const top = element.getBoundingClientRect().top + window.scrollY;
  return chartSize(element, window.innerHeight - top - below);
}
