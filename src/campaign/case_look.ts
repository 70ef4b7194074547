/**
 * How a case looks, in one place for the map, the list, the drawer and the wall: its fill is its card's colour
 * (no card yet: grey), its shape its state, and an overdue case gets a red ring.
 */
import type { CaseState } from '../domain/case_flow';
import type { CardColour } from '../domain/supervision_cards';

export type CardKey = CardColour | 'none';
export const CARD_KEYS: readonly CardKey[] = ['none', 'white', 'yellow', 'red'];

export const CARD_RGB: Record<CardKey, readonly [number, number, number]> = {
  none: [148, 163, 184],
  white: [248, 250, 252],
  yellow: [250, 204, 21],
  red: [220, 38, 38],
};

/** ring colour of an overdue case */
export const OVERDUE_RGB = [239, 68, 68] as const;

export const PIN_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'ring', 'dot', 'cross'] as const;
export type PinShape = (typeof PIN_SHAPES)[number];

/** still to be registered: circle; registered: square; at the unit: triangle; to be checked: diamond; done: ring/dot */
export const STATE_SHAPE: Record<CaseState, PinShape> = {
  reported: 'circle',
  registered: 'square',
  dispatched: 'triangle',
  checking: 'diamond',
  closed: 'ring',
  archived: 'dot',
  voided: 'cross',
};

/** the shape as one character (one UTF-16 unit): the map's pins, the list and the legends draw the same one */
export const SHAPE_GLYPH: Record<PinShape, string> = { circle: '●', square: '■', triangle: '▲', diamond: '◆', ring: '○', dot: '·', cross: '✕' };

export const cssRgb = (rgb: readonly number[]): string => `rgb(${rgb.join(' ')})`;
