// Colours and bullets as a page's content writes them, in short operators made once per thread. pdfkit writes
// every colour it sets with its components at full double precision ("0.11372549019607843 0.13725490196078433
// 0.16862745098039217 scn"), about 500 times in a plan PDF, and every bullet as a circle of four curves whose
// thirteen numbers it formats one by one, for marks drawn the same way every time.

type PdfkitColorInternals = {
  addContent(line: string): unknown;
  _setColorCore(color: unknown, stroke: boolean): boolean;
};

/** Four decimals: finer than the 1/255 steps of the palette's hex colours, so every colour is unchanged. */
const component = (byte: number): string => String(Math.round((byte / 255) * 10_000) / 10_000);

/** "/DeviceRGB cs\n<r g b> scn" (or CS / SCN to stroke) by colour and operator. */
const colorOperators = new Map<string, string>();

function colorOperator(hex: string, stroke: boolean): string | null {
  const key = `${hex}${stroke ? 'S' : 'f'}`;
  const known = colorOperators.get(key);
  if (known !== undefined) return known;
  const full = /^#[0-9a-f]{6}$/i.test(hex)
    ? hex
    : /^#[0-9a-f]{3}$/i.test(hex)
      ? hex.replace(/[0-9a-f]/gi, '$&$&')
      : null;
  if (full === null) return null;
  const value = Number.parseInt(full.slice(1), 16);
  const rgb = [value >> 16, (value >> 8) & 0xff, value & 0xff].map(component).join(' ');
  const operator = stroke ? `/DeviceRGB CS\n${rgb} SCN` : `/DeviceRGB cs\n${rgb} scn`;
  colorOperators.set(key, operator);
  return operator;
}

/**
 * Sets hex colours (`#1f3a5f`, `#fff`) of `doc` with `colorOperator`'s short operators; any other colour (a name,
 * an array, a gradient) goes to pdfkit as before.
 */
export function shortColors(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as PdfkitColorInternals;
  const original = internals._setColorCore;
  internals._setColorCore = function setColorCore(color, stroke) {
    const operator = typeof color === 'string' ? colorOperator(color, stroke) : null;
    if (operator === null) return original.call(this, color, stroke);
    this.addContent(operator);
    return true;
  };
}

/** A coordinate with at most three decimals (a thousandth of a point), as short as it can be written. */
const coordinate = (value: number): string => String(Math.round(value * 1000) / 1000);

/** Bézier's constant for a quarter circle, as pdfkit draws circles. */
const kappa = (4 * (Math.SQRT2 - 1)) / 3;

/** The path of a circle of `radius` around the origin: the four curves pdfkit's `circle` draws, closed. */
function circleAroundOrigin(radius: number): string {
  const o = coordinate(radius * kappa);
  const r = coordinate(radius);
  return [
    `-${r} 0 m`,
    `-${r} -${o} -${o} -${r} 0 -${r} c`,
    `${o} -${r} ${r} -${o} ${r} 0 c`,
    `${r} ${o} ${o} ${r} 0 ${r} c`,
    `-${o} ${r} -${r} ${o} -${r} 0 c`,
    'h',
  ].join('\n');
}

const circles = new Map<number, string>();

/**
 * A filled circle of `radius` around (x, y) in the current fill colour: the circle's path, made once per radius
 * and thread, drawn where the bullet goes (only the move there is formatted for each).
 */
export function filledCircle(x: number, y: number, radius: number): string {
  let path = circles.get(radius);
  if (path === undefined) {
    path = circleAroundOrigin(radius);
    circles.set(radius, path);
  }
  return `q\n1 0 0 1 ${coordinate(x)} ${coordinate(y)} cm\n${path}\nf\nQ`;
}
