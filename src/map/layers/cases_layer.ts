/**
 * Supervision cases on the map: a cluster is a disc sized by its count and coloured by its worst card, with the
 * count on it; a single case is a pin whose fill is its card and whose shape is its state (the shape's glyph, the
 * one the list and the legend show), on a dark halo that turns into a red ring when overdue. The case of the last
 * live event pulses.
 *
 * Pins are glyphs in a TextLayer, not icons in an IconLayer: on software GL the first filter that thinned the
 * clusters into lone pins (派遣 on the demo city) took 161–186 ms to its frame with icons, 59–75 ms with glyphs
 * (8 fresh browsers each, 5,000 cases). The extra ~110 ms was SwiftShader compiling code in the GPU process
 * (perf: its own library, not JIT-compiled code, on its queue thread) for the icon draw, which neither an in-view
 * icon drawn beforehand nor pre-sized buffers avoided; the cluster counts' text draw, on screen from the first
 * frame, already covers a text draw.
 */
import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { OVERDUE_RGB, PIN_SHAPES, SHAPE_GLYPH } from '../../campaign/case_look';
import type { CaseClusterMark, CasePinMark as CasePin } from '../../campaign/case_marks';

export type { CaseClusterMark, CasePin };
export interface CaseMapDraw {
  pins: readonly CasePin[];
  clusters: readonly CaseClusterMark[];
  flash: { lon: number; lat: number } | null;
  selectedId: number | null;
  dark: boolean;
}

/** the font the page uses (styles.css), so a pin's glyph matches the list's */
const PIN_FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";
const PIN_GLYPHS = Object.values(SHAPE_GLYPH).join('');

/** A cluster disc's radius in CSS pixels, by its count (drawn and hit-tested alike). */
export const clusterRadiusPx = (count: number) => 8 + Math.min(14, Math.log2(count) * 2.2);
/** A lone case's halo radius in CSS pixels; the open case's is larger. */
export const pinRadiusPx = (selected: boolean) => (selected ? 14 : 11);

/**
 * The marks as deck.gl binary attributes, built once per marks array: a filter click at street zoom hands deck
 * 5,000 pins, and accessors would fill its buffers with a call and a new array per pin and attribute, in the
 * frame after the click. Each layer's data is still an array of the marks (with `attributes` beside), so a pick
 * finds its mark by index, and the same marks give the same data: deck then updates nothing.
 */
interface BinaryAttribute { value: Float64Array | Float32Array | Uint16Array | Uint8Array; size: number; normalized?: boolean }
type Binary<T> = T[] & { attributes: Record<string, BinaryAttribute> };
/** a TextLayer's binary data: one character per mark, so its per-character attributes are per mark */
type TextBinary<T> = Binary<T> & { startIndices: Int32Array };

function cached<T extends object, R>(cache: WeakMap<T, R>, key: T, make: () => R): R {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}

const positionsOf = (marks: readonly { lon: number; lat: number }[]): BinaryAttribute => {
  const value = new Float64Array(marks.length * 2);
  marks.forEach((m, i) => value.set([m.lon, m.lat], 2 * i));
  return { value, size: 2 };
};
const coloursOf = <T>(marks: readonly T[], rgba: (m: T) => readonly number[]): BinaryAttribute => {
  const value = new Uint8Array(marks.length * 4);
  marks.forEach((m, i) => value.set(rgba(m), 4 * i));
  return { value, size: 4, normalized: true };
};
const binary = <T>(marks: readonly T[], attributes: Record<string, BinaryAttribute>): Binary<T> => Object.assign(marks.slice(), { attributes });

const pinPositions = new WeakMap<readonly CasePin[], BinaryAttribute>();
const clusterCache = new WeakMap<readonly CaseClusterMark[], Binary<CaseClusterMark>>();
const haloCache = new WeakMap<readonly CasePin[], Binary<CasePin>>();
const pinCache = new WeakMap<readonly CasePin[], TextBinary<CasePin>>();

const clusterData = (clusters: readonly CaseClusterMark[]) =>
  cached(clusterCache, clusters, () => binary(clusters, { getPosition: positionsOf(clusters), getFillColor: coloursOf(clusters, (c) => [...c.rgb, 230]), getRadius: { value: Float32Array.from(clusters, (c) => clusterRadiusPx(c.count)), size: 1 } }));
const haloData = (pins: readonly CasePin[]) =>
  cached(haloCache, pins, () => binary(pins, { getPosition: cached(pinPositions, pins, () => positionsOf(pins)), getLineColor: coloursOf(pins, (p) => (p.overdue ? [...OVERDUE_RGB, 255] : [0, 0, 0, 0])) }));
const pinData = (pins: readonly CasePin[]) =>
  cached(pinCache, pins, () =>
    Object.assign(
      binary(pins, {
        getText: { value: Uint16Array.from(pins, (p) => SHAPE_GLYPH[p.shape].charCodeAt(0)), size: 1 },
        getPosition: cached(pinPositions, pins, () => positionsOf(pins)),
        getColor: coloursOf(pins, (p) => [...p.rgb, 255]),
      }),
      { startIndices: Int32Array.from({ length: pins.length + 1 }, (_, i) => i) },
    ),
  );

/** The cases' layers, followed by the primer (below). */
export function caseLayers(draw: CaseMapDraw): Layer[] {
  return [...markLayers(draw, 'case-'), ...markLayers({ ...PRIMER, dark: draw.dark }, 'case-primer-')];
}

/**
 * One mark of each kind far off any city (80° S), drawn with the cases from their first frame. Software GL
 * (SwiftShader) compiles a pipeline when it first runs a draw, for up to seconds; a kind first drawn after a filter
 * click (the first lone pins, when a filter thins the clusters) waited for it. Primed, those compiles run while the
 * tab opens. Measured with 5,000 cases: the first filter click's frame took 707–866 ms before, 310–465 ms in 8 of
 * 10 measurements after (756 and 942 ms in the other two). Most of the rest was the icon draw the pins then were
 * (see the top of this file).
 */
const PRIMER_SPOT = { lon: 0, lat: -80 };
const PRIMER: Omit<CaseMapDraw, 'dark'> = {
  pins: [{ id: -1, ...PRIMER_SPOT, rgb: [0, 0, 0], shape: PIN_SHAPES[0], overdue: true }],
  clusters: [{ key: 'primer', ...PRIMER_SPOT, count: 10, rgb: [0, 0, 0], card: 'white', bbox: [0, -80, 0, -80] }],
  flash: PRIMER_SPOT,
  selectedId: null,
};

/** Not pickable: the map finds the mark under the pointer on the CPU (case_hits.ts). */
function markLayers(draw: CaseMapDraw, idPrefix: string): Layer[] {
  const halo = draw.dark ? [2, 6, 23, 210] : [15, 23, 42, 200];
  const layers: Layer[] = [
    new ScatterplotLayer<CaseClusterMark>({
      id: `${idPrefix}clusters`,
      // positions, radii and colours in typed arrays (clusterData)
      data: clusterData(draw.clusters),
      radiusUnits: 'pixels',
      getLineColor: halo as [number, number, number, number],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      stroked: true,
    }),
    new TextLayer<CaseClusterMark>({
      id: `${idPrefix}cluster-counts`,
      data: draw.clusters,
      getPosition: (c) => [c.lon, c.lat],
      getText: (c) => String(c.count),
      characterSet: '0123456789',
      getSize: 12,
      fontWeight: 700,
      getColor: [15, 23, 42, 255],
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
    }),
    new ScatterplotLayer<CasePin>({
      id: `${idPrefix}halos`,
      // positions and the overdue ring's colour in typed arrays (haloData); the halo's fill is one colour
      data: haloData(draw.pins),
      getRadius: (p) => pinRadiusPx(p.id === draw.selectedId),
      radiusUnits: 'pixels',
      getFillColor: halo as [number, number, number, number],
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      stroked: true,
      updateTriggers: { getRadius: draw.selectedId },
    }),
    new TextLayer<CasePin>({
      id: `${idPrefix}pins`,
      // the shape's glyph, positions and card colours in typed arrays (pinData)
      data: pinData(draw.pins),
      characterSet: PIN_GLYPHS,
      fontFamily: PIN_FONT,
      getSize: 22,
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
    }),
  ];
  if (draw.flash) {
    layers.push(
      new ScatterplotLayer({
        id: `${idPrefix}flash`,
        data: [draw.flash],
        getPosition: (f: { lon: number; lat: number }) => [f.lon, f.lat],
        getRadius: 26,
        radiusUnits: 'pixels',
        filled: false,
        stroked: true,
        getLineColor: [56, 189, 248, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 4,
      }),
    );
  }
  return layers;
}
