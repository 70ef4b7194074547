/**
 * WGS-84 degrees as text for reports and tables: every digit the engine has, and never fewer than 7 decimals
 * (1 cm). `String(115.22702)` would print 5 decimals of a value that is exact to 7, and a reader cannot tell
 * a short number from a rounded one.
 */
export const COORDINATE_DECIMALS = 7;

export function coordinateText(degrees: number): string {
  const text = String(degrees);
  if (!Number.isFinite(degrees) || /e/i.test(text)) return text;
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  return decimals >= COORDINATE_DECIMALS ? text : degrees.toFixed(COORDINATE_DECIMALS);
}
