/** Which rows of a windowed list (CaseList.tsx) exist in the page for a scroll position. */

/** one row's height in CSS pixels: title, badges, time (cases.css gives rows this height) */
export const ROW_PX = 58;
/** rows drawn beyond each edge of the box, so a quick scroll shows no gap before React catches up */
export const OVERSCAN = 4;

/** [first, end) of the rows to draw for the box's scroll offset and height, clamped to the list */
export function visibleRows(count: number, scrollTop: number, heightPx: number): [number, number] {
  const first = Math.max(0, Math.min(count, Math.floor(scrollTop / ROW_PX)) - OVERSCAN);
  const end = Math.min(count, Math.ceil((scrollTop + heightPx) / ROW_PX) + OVERSCAN);
  return [Math.min(first, end), end];
}
